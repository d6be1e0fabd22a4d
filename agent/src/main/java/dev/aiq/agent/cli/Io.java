package dev.aiq.agent.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.io.PrintWriter;

/**
 * Where a command reads and writes: standard streams in {@code main}, strings in tests. Internal.
 *
 * @param in       the input of {@code interactive}
 * @param out      results
 * @param err      diagnostics
 * @param terminal whether a person types at {@code in} (then {@code interactive} shows a prompt)
 */
record Io(BufferedReader in, PrintWriter out, PrintWriter err, boolean terminal) {

    /** The process's own streams. */
    static Io system() {
        // replies are data, never terminal input: control characters are escaped on the way out
        return new Io(new BufferedReader(new InputStreamReader(System.in)), SafeOutput.escaping(System.out),
                SafeOutput.escaping(System.err), isTerminal());
    }

    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // JDK 22+ returns a Console even for redirected streams; only isTerminal() tells
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
