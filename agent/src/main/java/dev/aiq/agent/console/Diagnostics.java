package dev.aiq.agent.console;

import java.util.function.Consumer;

/**
 * The one sink for the agent's own problems (a watch service that cannot start, a directory that cannot be polled, a
 * listener's failure): the stages report here instead of printing, and the runtime shows each line once on the
 * console and keeps it for {@code aiq-dev status}. Before the runtime is there, lines go to standard error.
 * Thread-safe. Internal.
 */
public final class Diagnostics {

    private static volatile Consumer<String> sink;

    private Diagnostics() {
    }

    /** Reports one line, {@code aiq-dev: ...}; never throws. */
    public static void report(String line) {
        try {
            Consumer<String> s = sink;
            if (s != null) {
                s.accept(line);
            } else {
                System.err.println(line);
            }
        } catch (Throwable t) {
            System.err.println(line);
        }
    }

    /** Sends every later line to {@code newSink} (null: standard error). */
    public static void to(Consumer<String> newSink) {
        sink = newSink;
    }
}
