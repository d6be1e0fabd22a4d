package dev.aiq.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample host as a child JVM ({@code java [jvmArgs] -jar sample-host.jar serve fastapi --config_file F}), with
 * every line it prints kept with the {@link System#nanoTime()} at which it was read. Internal.
 */
final class Host implements AutoCloseable {

    /** How long any wait on a host may take before the benchmark gives up. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern SERVING = Pattern.compile("Serving on http://\\S+:(\\d+)");
    /** Hosts not closed yet: stopped if the benchmark itself is stopped, so that none is left running. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "stop-hosts"));
    }

    private final Process process;
    private final long startedNanos;
    /** Guarded by itself; waiters are notified on every new line and when a pump ends. */
    private final List<Line> lines = new ArrayList<>();
    private int pumpsRunning = 2;
    private volatile boolean pumpsDone;

    /** One printed line and when it was read. */
    record Line(long nanos, String text) {
    }

    private Host(Process process, long startedNanos) {
        this.process = process;
        this.startedNanos = startedNanos;
        RUNNING.add(process);
        pump(process.getInputStream(), "out");
        pump(process.getErrorStream(), "err");
    }

    /**
     * Starts {@code serve fastapi --config_file config --override general.front_end.port 0}.
     *
     * @param jvmArgs JVM arguments, for example {@link BenchEnv#javaagent}
     */
    static Host serve(BenchEnv env, Path config, List<String> jvmArgs) {
        return serve(env, config, jvmArgs, List.of());
    }

    /** Starts the host as {@link #serve(BenchEnv, Path, List)} does, with {@code appArgs} after its own. */
    static Host serve(BenchEnv env, Path config, List<String> jvmArgs, List<String> appArgs) {
        List<String> command = new ArrayList<>();
        command.add(env.java());
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", env.hostJar().toString(), "serve", "fastapi", "--config_file",
                config.toString(), "--override", "general.front_end.port", "0"));
        command.addAll(appArgs);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("AIQ_DEV_MODE_DELAY");
        builder.environment().remove("AIQ_LOG_LEVEL");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        try {
            long started = System.nanoTime();
            return new Host(builder.start(), started);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** The nanoTime just before the process was started. */
    long startedNanos() {
        return startedNanos;
    }

    /** The process id. */
    long pid() {
        return process.pid();
    }

    /** The process. */
    Process process() {
        return process;
    }

    /** Waits for the port of the {@code Serving on} line. */
    int port() {
        Matcher m = SERVING.matcher(awaitLine("Serving on ").text());
        if (!m.find()) {
            throw new IllegalStateException("unexpected serving line");
        }
        return Integer.parseInt(m.group(1));
    }

    /** Waits for the first line containing {@code substring}. */
    Line awaitLine(String substring) {
        return awaitLineAfter(0, substring);
    }

    /** Waits for the first line containing {@code substring} after the first {@code mark} lines. */
    Line awaitLineAfter(int mark, String substring) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (lines) {
            while (true) {
                for (int i = mark; i < lines.size(); i++) {
                    if (lines.get(i).text().contains(substring)) {
                        return lines.get(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && pumpsDone)) {
                    throw new IllegalStateException("no line containing '" + substring + "' from host " + pid()
                            + "; it printed:\n  " + String.join("\n  ", texts()));
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lines, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** How many lines were printed so far: a mark for {@link #awaitLineAfter}. */
    int mark() {
        synchronized (lines) {
            return lines.size();
        }
    }

    /** Every line printed so far. */
    List<String> texts() {
        synchronized (lines) {
            List<String> texts = new ArrayList<>();
            for (Line line : lines) {
                texts.add(line.text());
            }
            return texts;
        }
    }

    /** The lines printed after {@code mark}. */
    List<Line> linesAfter(int mark) {
        synchronized (lines) {
            return List.copyOf(lines.subList(Math.min(mark, lines.size()), lines.size()));
        }
    }

    /** Stops the host (SIGTERM, then SIGKILL) and waits for it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RUNNING.remove(process);
    }

    private void pump(InputStream stream, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                    long now = System.nanoTime();
                    synchronized (lines) {
                        lines.add(new Line(now, text));
                        lines.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process is gone; what was read is kept
            } finally {
                synchronized (lines) {
                    pumpsDone = --pumpsRunning == 0;
                    lines.notifyAll();
                }
            }
        }, "host-" + process.pid() + "-" + name);
        thread.setDaemon(true);
        thread.start();
    }
}
