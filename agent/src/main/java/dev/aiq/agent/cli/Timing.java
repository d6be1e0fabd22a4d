package dev.aiq.agent.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When the steps of a command happened, for the attach benchmark: with {@code -Daiq.dev.timing=true} the command
 * prints {@code aiq-dev timing: main=<nanoTime> attached=<nanoTime> …} on standard error at its end. The values are
 * {@link System#nanoTime()}, which on Linux is one clock for every process, so the benchmark can set them against
 * the moment it started the CLI's JVM. Off (one property read per step), it records nothing. Internal.
 */
final class Timing {

    private static final boolean ON = Boolean.getBoolean("aiq.dev.timing");
    private static final Map<String, Long> MARKS = new LinkedHashMap<>();

    private Timing() {
    }

    /** Records that {@code step} is done now. */
    static void mark(String step) {
        if (ON) {
            synchronized (MARKS) {
                MARKS.putIfAbsent(step, System.nanoTime());
            }
        }
    }

    /** Prints the steps recorded, if any. */
    static void report(PrintWriter err) {
        if (!ON) {
            return;
        }
        StringBuilder line = new StringBuilder("aiq-dev timing:");
        synchronized (MARKS) {
            MARKS.forEach((step, nanos) -> line.append(' ').append(step).append('=').append(nanos));
        }
        err.println(line);
        err.flush();
    }
}
