package dev.aiq.sample.reliability;

import static org.awaitility.Awaitility.await;

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
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A host JVM of the reliability suite, with every line it prints kept in order, stdout and stderr apart too.
 *
 * <p>Unlike {@code testing.HostProcess} (whose command lines it reuses) it is built for hosts that print tens of
 * thousands of lines: waits scan only the lines printed after a {@link #mark()}, and nothing is copied while waiting,
 * so a soak of 10,000 reloads costs the test JVM nothing per line. Waits poll every few milliseconds, since many
 * reliability checks wait for a reload that takes a few milliseconds.
 */
final class ChildProcess implements AutoCloseable {

    /** How long a wait may take on a loaded CI machine before the test fails. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final Duration POLL = Duration.ofMillis(3);
    private static final Pattern SERVING = Pattern.compile("Serving on http://\\S+:(\\d+)");

    private final Process process;
    private final List<String> command;
    private final List<String> lines = new ArrayList<>();
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final List<Thread> pumps = new ArrayList<>();

    private ChildProcess(Process process, List<String> command) {
        this.process = process;
        this.command = List.copyOf(command);
        pumps.add(pump(process.getInputStream(), stdout, "stdout"));
        pumps.add(pump(process.getErrorStream(), stderr, "stderr"));
    }

    /**
     * Starts {@code command} in {@code directory} (a temp directory, so that nothing a JVM or {@code jcmd} leaves in
     * its working directory lands in the source tree); its stdin stays open until {@link #close()}.
     */
    static ChildProcess start(List<String> command, Path directory) {
        try {
            return new ChildProcess(new ProcessBuilder(command).directory(directory.toFile()).start(), command);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Returns the child's pid. */
    long pid() {
        return process.pid();
    }

    /** Tells whether the child is still running. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** Returns how many lines have been printed so far: a mark for the {@code ...After} waits. */
    synchronized int mark() {
        return lines.size();
    }

    /** Returns every line printed so far, stdout and stderr in the order they were read. */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Returns the lines printed after {@code mark}. */
    synchronized List<String> linesAfter(int mark) {
        return List.copyOf(lines.subList(mark, lines.size()));
    }

    /** Returns the lines printed on stdout so far. */
    synchronized List<String> stdout() {
        return List.copyOf(stdout);
    }

    /** Returns the lines printed on stderr so far. */
    synchronized List<String> stderr() {
        return List.copyOf(stderr);
    }

    /** Waits for a line containing {@code text} printed after {@code mark} and returns the first one. */
    String awaitLineAfter(int mark, String text) {
        return awaitUntil("a line containing '" + text + "' after line " + mark, () -> find(mark, text));
    }

    /**
     * Waits for a line that passes {@code test} printed after {@code mark} and returns its index (a mark for the
     * next wait is one more).
     */
    int awaitIndexAfter(int mark, String what, Predicate<String> test) {
        return awaitUntil(what + " after line " + mark, () -> indexOf(mark, test));
    }

    /** Waits for the first line containing {@code text}. */
    String awaitLine(String text) {
        return awaitLineAfter(0, text);
    }

    /** Counts the lines containing {@code text} printed after {@code mark}. */
    synchronized int countAfter(int mark, String text) {
        int count = 0;
        for (int i = mark; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                count++;
            }
        }
        return count;
    }

    /** Waits for the {@code Serving on http://host:port} line of the sample host and returns the port. */
    int port() {
        Matcher serving = SERVING.matcher(awaitLine("Serving on "));
        if (!serving.find()) {
            throw new AssertionError("no port in the Serving line; " + this);
        }
        return Integer.parseInt(serving.group(1));
    }

    /** Waits for the child to exit and its output to be read; returns the exit status. */
    int awaitExit() {
        try {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the child did not exit within " + TIMEOUT + "; " + this);
            }
            for (Thread pump : pumps) {
                pump.join(TIMEOUT.toMillis());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the child: politely (SIGTERM) first, then forcibly. */
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
    }

    /** Returns the pid, the command and the last lines printed, for assertion messages. */
    @Override
    public String toString() {
        List<String> all = lines();
        List<String> tail = all.subList(Math.max(0, all.size() - 80), all.size());
        return "child pid " + process.pid() + " (" + String.join(" ", command) + ") printed " + all.size()
                + " lines, the last ones:\n  " + String.join("\n  ", tail);
    }

    private <T> T awaitUntil(String what, java.util.concurrent.Callable<T> probe) {
        try {
            return await(what).atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .until(probe, found -> found != null);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + what + " within " + TIMEOUT + "; " + this, e);
        }
    }

    private synchronized Integer indexOf(int mark, Predicate<String> test) {
        for (int i = mark; i < lines.size(); i++) {
            if (test.test(lines.get(i))) {
                return i;
            }
        }
        return null;
    }

    /** Returns the line at {@code index}. */
    synchronized String line(int index) {
        return lines.get(index);
    }

    private synchronized String find(int mark, String text) {
        for (int i = mark; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return lines.get(i);
            }
        }
        return null;
    }

    private synchronized void add(List<String> stream, String line) {
        stream.add(line);
        lines.add(line);
    }

    private Thread pump(InputStream stream, List<String> into, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    add(into, line);
                }
            } catch (IOException ignored) {
                // the process is gone; what was read is kept
            }
        }, "child-" + process.pid() + "-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
