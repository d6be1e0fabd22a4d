package dev.aiq.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The loop of {@code aiq-dev interactive}: reads one command per line, runs it, prints its result, until {@code q}
 * or the end of input. The prompt shows only on a terminal, so piped input gives clean output. A failing command
 * prints its reason and the loop goes on. Internal.
 */
final class InteractiveSession {

    private static final String PROMPT = "aiq-dev> ";
    private static final List<String> HELP = List.of(
            "  r              reload the config now",
            "  v [FILE]       validate the config (or FILE) as a dry run",
            "  s              snapshots: the configs kept in history",
            "  b [N]          roll back N generations (default 1)",
            "  c              clear history (the live config is kept)",
            "  i, status      what dev mode is doing",
            "  diff [N M]     what changed from generation N to M (default: previous to live)",
            "  set PATH VALUE set a live override",
            "  unset PATH     remove a live override",
            "  help           this list",
            "  q              quit (so does the end of input)");

    private final ControlOperations operations;
    private final Io io;

    InteractiveSession(ControlOperations operations, Io io) {
        this.operations = operations;
        this.io = io;
    }

    /** Runs until {@code q} or the end of input; returns 0. */
    int run(String target) throws IOException {
        PrintWriter out = io.out();
        out.println("aiq-dev interactive: " + target + ". Type help for the commands, q to quit.");
        while (true) {
            if (io.terminal()) {
                out.print(PROMPT);
            }
            out.flush();
            String line = io.in().readLine();
            if (line == null || !execute(line.strip())) {
                out.flush();
                return 0;
            }
        }
    }

    /** Runs one command line; returns false when it asks to quit. */
    boolean execute(String line) {
        if (line.isEmpty()) {
            return true;
        }
        String[] words = line.split("\\s+", 3);
        try {
            switch (words[0]) {
                case "q", "quit", "exit" -> {
                    return false;
                }
                case "r", "reload" -> operations.reload(false);
                case "v", "validate" -> operations.validate(words.length > 1 ? Path.of(line.substring(
                        words[0].length()).strip()) : null);
                case "s", "history", "snapshots" -> operations.history();
                case "b", "rollback" -> operations.rollback(words.length > 1 ? positive(words[1]) : 1);
                case "c", "clear" -> operations.clearHistory();
                case "i", "info", "status" -> operations.status();
                case "diff" -> diff(words);
                case "set" -> set(line);
                case "unset" -> {
                    if (words.length != 2) {
                        throw new IllegalArgumentException("unset takes one PATH");
                    }
                    operations.unset(words[1]);
                }
                case "help", "h", "?" -> HELP.forEach(io.out()::println);
                default -> io.err().println("unknown command '" + words[0] + "'; type help for the commands");
            }
        } catch (CliException | IllegalArgumentException e) {
            io.err().println(e.getMessage());
        }
        io.err().flush();
        return true;
    }

    private void diff(String[] words) throws CliException {
        if (words.length == 1) {
            operations.diff(0, 0);
            return;
        }
        String[] generations = (words[1] + (words.length > 2 ? " " + words[2] : "")).split("\\s+");
        if (generations.length != 2) {
            throw new IllegalArgumentException("diff takes no generation or two: diff N M");
        }
        operations.diff(generation(generations[0]), generation(generations[1]));
    }

    private void set(String line) throws CliException {
        // the value is the rest of the line, spaces and all
        String[] words = line.split("\\s+", 3);
        if (words.length != 3) {
            throw new IllegalArgumentException("set takes PATH VALUE");
        }
        operations.set(words[1], words[2]);
    }

    private static int positive(String word) {
        try {
            int steps = Integer.parseInt(word);
            if (steps >= 1) {
                return steps;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("b takes a number of generations, 1 or more: b 2");
    }

    private static long generation(String word) {
        try {
            long generation = Long.parseLong(word);
            if (generation >= 0) {
                return generation;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("generations are numbers, 0 = previous / live: diff 3 5");
    }
}
