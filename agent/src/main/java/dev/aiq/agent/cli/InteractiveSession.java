package dev.aiq.agent.cli;

import dev.aiq.agent.protocol.ConfigStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The loop of {@code aiq-dev interactive}: reads one command per line, runs it, prints its result, until {@code q}
 * or the end of input. The prompt shows only on a terminal, so piped input gives clean output; in a JVM with several
 * configs it names the one the commands act on, which {@code config CONFIG} switches. A failing command prints its
 * reason and the loop goes on; on a pipe, the exit code says whether any command failed. Internal.
 */
final class InteractiveSession {

    private static final String PROMPT = "aiq-dev> ";
    private static final String CHOOSE = "choose one with: config <path or substring>";
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
            "  config [C]     act on config C (a path or a substring); alone: list the configs",
            "  help           this list",
            "  q              quit (so does the end of input)");

    private final Io io;
    /** Replaced by {@code config C}; used by the loop's thread only. */
    private ControlOperations operations;
    /** The name of the config chosen, for the prompt; null until one is. */
    private String configName;
    /** Whether a command failed (its result, a refusal, an unknown command): a pipe then ends with 1. */
    private boolean anyFailed;

    InteractiveSession(ControlOperations operations, Io io) {
        this.operations = operations;
        this.io = io;
    }

    /** Runs until {@code q} or the end of input; returns 0, or 1 on a pipe where a command failed. */
    int run(String target) throws IOException {
        PrintWriter out = io.out();
        out.println("aiq-dev interactive: " + target + ". Type help for the commands, q to quit.");
        try (LineSource lines = LineSource.of(io)) {
            while (true) {
                out.flush();
                String line = lines.readLine(io.terminal() ? prompt() : "");
                if (line == null || !execute(line.strip())) {
                    out.flush();
                    return anyFailed && !io.terminal() ? CliException.FAILURE : 0;
                }
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
                case "r", "reload" -> succeeded(operations.reload(false));
                case "v", "validate" -> succeeded(operations.validate(words.length > 1 ? Path.of(line.substring(
                        words[0].length()).strip()) : null));
                case "s", "history", "snapshots" -> succeeded(operations.history());
                case "b", "rollback" -> succeeded(operations.rollback(words.length > 1 ? positive(words[1]) : 1));
                case "c", "clear" -> succeeded(operations.clearHistory());
                case "i", "info", "status" -> succeeded(operations.status());
                case "diff" -> diff(words);
                case "set" -> set(line);
                case "unset" -> {
                    if (words.length != 2) {
                        throw new IllegalArgumentException("unset takes one PATH");
                    }
                    succeeded(operations.unset(words[1]));
                }
                case "config" -> config(words);
                case "help", "h", "?" -> HELP.forEach(io.out()::println);
                default -> {
                    anyFailed = true;
                    io.err().println("unknown command '" + words[0] + "'; type help for the commands");
                }
            }
        } catch (CliException e) {
            anyFailed = true;
            io.err().println(e.getMessage());
            if (e.exitCode() == CliException.USAGE) {
                // the agent's message says --config, the option of the one-shot commands
                io.err().println(CHOOSE);
            }
        } catch (IllegalArgumentException e) {
            anyFailed = true;
            io.err().println(e.getMessage());
        }
        io.err().flush();
        return true;
    }

    /** Notes an operation's exit code: anything but 0 is a failed command. */
    private void succeeded(int exitCode) {
        anyFailed |= exitCode != 0;
    }

    /** {@code config C} switches to the config C names (the agent checks it names one); alone, lists them. */
    private void config(String[] words) throws CliException {
        if (words.length == 1) {
            for (ConfigStatus status : operations.statusOf(null).configs()) {
                String marker = status.name().equals(configName) ? "* " : "  ";
                io.out().println(marker + HumanOutput.heading(status) + " " + status.configFile());
            }
            return;
        }
        if (words.length > 2) {
            throw new IllegalArgumentException("config takes one path or substring");
        }
        ConfigStatus chosen = operations.statusOf(words[1]).configs().get(0);
        // the path names it exactly from now on, even if a later config shares the substring
        operations = operations.withConfig(chosen.configFile() == null ? chosen.name() : chosen.configFile());
        configName = chosen.name();
        io.out().println("config " + HumanOutput.heading(chosen) + " " + chosen.configFile());
    }

    /** {@code aiq-dev> }, or {@code aiq-dev [root.yml]> } when the JVM has several configs. */
    private String prompt() {
        int configs;
        try {
            configs = operations.statusOf(null).configs().size();
        } catch (CliException e) {
            // the next command will say what is wrong
            return PROMPT;
        }
        if (configs <= 1) {
            return PROMPT;
        }
        return "aiq-dev [" + (configName != null ? configName
                : operations.config() != null ? operations.config() : "no config chosen") + "]> ";
    }

    private void diff(String[] words) throws CliException {
        if (words.length == 1) {
            succeeded(operations.diff(0, 0));
            return;
        }
        String[] generations = (words[1] + (words.length > 2 ? " " + words[2] : "")).split("\\s+");
        if (generations.length != 2) {
            throw new IllegalArgumentException("diff takes no generation or two: diff N M");
        }
        succeeded(operations.diff(generation(generations[0]), generation(generations[1])));
    }

    private void set(String line) throws CliException {
        // the value is the rest of the line, spaces and all
        String[] words = line.split("\\s+", 3);
        if (words.length != 3) {
            throw new IllegalArgumentException("set takes PATH VALUE");
        }
        succeeded(operations.set(words[1], words[2]));
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
