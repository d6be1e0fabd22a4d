package dev.aiq.agent.cli;

import dev.aiq.agent.protocol.WireJson;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One command over every JVM of this user that a substring matches ({@code --all}): a fleet of workers on one
 * machine. The JVMs are handled in parallel, each within its own time-outs and all within {@link #TIMEOUT}; then a
 * line per JVM is printed in pid order, each beginning with the pid, successes on standard output and failures on
 * standard error; with {@code --json}, one object instead,
 * {@code {"jvms":[{"pid":…,"exitCode":…,"result":…},…]}}, where {@code result} is what the command prints as JSON for that JVM and a failure has an {@code error} line
 * instead. A JVM that dies or stops answering mid-way is one failed line; the others still report. Exit 0 when every
 * JVM succeeded, 1 when any failed. Internal.
 */
final class FleetRun {

    /** Longest the whole fleet may take; a JVM not done by then is reported as not answering. */
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    private FleetRun() {
    }

    /**
     * What the command did in one JVM.
     *
     * @param exitCode its exit code alone
     * @param text     what it printed (several lines are kept as they are, after the pid)
     */
    record Line(int exitCode, String text) {
    }

    /** The command, for one JVM. */
    interface Step {

        /** Runs the command on {@code jvm}; a {@link CliException} is that JVM's failure line. */
        Line on(Jvm jvm) throws CliException;
    }

    /**
     * Runs {@code step} on every JVM {@code substring} matches and prints their lines to {@code io}.
     *
     * @throws CliException exit 1 when no JVM matches
     */
    static int over(String substring, Step step, Io io) throws CliException {
        return over(substring, step, io, false);
    }

    /**
     * Like {@link #over(String, Step, Io)}; {@code json}: the steps print JSON, and the fleet's lines are one JSON
     * object on standard output.
     */
    static int over(String substring, Step step, Io io, boolean json) throws CliException {
        List<Jvm> jvms = JvmLocator.matching(substring);
        if (jvms.isEmpty()) {
            throw CliException.failure("no running JVM matches '" + SafeOutput.commandLine(substring)
                    + "' (aiq-dev list shows them)");
        }
        ExecutorService pool = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "aiq-dev-fleet");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Line>> lines = new ArrayList<>();
            for (Jvm jvm : jvms) {
                lines.add(pool.submit(() -> run(step, jvm)));
            }
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            boolean failed = false;
            List<Object> entries = new ArrayList<>();
            for (int i = 0; i < jvms.size(); i++) {
                Line line = await(lines.get(i), jvms.get(i), deadline);
                failed |= line.exitCode() != 0;
                if (json) {
                    entries.add(entry(jvms.get(i), line));
                } else {
                    (line.exitCode() == 0 ? io.out() : io.err()).println(jvms.get(i).pid() + ": " + line.text());
                }
            }
            if (json) {
                Map<String, Object> fleet = WireJson.object();
                fleet.put("jvms", entries);
                io.out().println(WireJson.write(fleet));
            }
            io.out().flush();
            io.err().flush();
            return failed ? CliException.FAILURE : 0;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One JVM's part of the JSON: its result as the command printed it, or the line that says why it failed. */
    private static Map<String, Object> entry(Jvm jvm, Line line) {
        Map<String, Object> entry = WireJson.object();
        entry.put("pid", jvm.pid());
        entry.put("exitCode", line.exitCode());
        Object result = null;
        try {
            result = WireJson.parse(line.text());
        } catch (IllegalArgumentException notJson) {
            entry.put("error", line.text());
        }
        if (result != null) {
            entry.put("result", result);
        }
        return entry;
    }

    private static Line run(Step step, Jvm jvm) {
        try {
            return step.on(jvm);
        } catch (CliException e) {
            return new Line(e.exitCode() == 0 ? CliException.FAILURE : e.exitCode(), e.getMessage());
        } catch (RuntimeException e) {
            return new Line(CliException.FAILURE, jvm.describe() + ": " + e);
        }
    }

    private static Line await(Future<Line> line, Jvm jvm, long deadline) {
        try {
            return line.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new Line(CliException.FAILURE, jvm.describe() + " did not answer within " + TIMEOUT.toSeconds()
                    + " s");
        } catch (ExecutionException e) {
            return new Line(CliException.FAILURE, jvm.describe() + ": " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Line(CliException.FAILURE, jvm.describe() + ": interrupted");
        }
    }
}
