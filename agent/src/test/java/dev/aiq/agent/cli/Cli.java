package dev.aiq.agent.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;

/** A test fixture: runs aiq-dev in this JVM through its library entry, as a shell would, and keeps what it printed. */
final class Cli {

    /**
     * What one run gave.
     *
     * @param exitCode the exit code
     * @param out      standard output
     * @param err      standard error
     */
    record Result(int exitCode, String out, String err) {
    }

    private Cli() {
    }

    /** Runs {@code args} with empty input. */
    static Result run(String... args) {
        return runWithInput("", args);
    }

    /** Runs {@code args} with {@code input} as piped standard input. */
    static Result runWithInput(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Io io = new Io(new BufferedReader(new StringReader(input)), new PrintWriter(out, true),
                new PrintWriter(err, true), false);
        int exitCode = Main.run(args, io);
        return new Result(exitCode, normalize(out), normalize(err));
    }

    private static String normalize(StringWriter text) {
        return text.toString().replace(System.lineSeparator(), "\n");
    }
}
