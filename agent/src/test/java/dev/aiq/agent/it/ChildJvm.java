package dev.aiq.agent.it;

import static org.awaitility.Awaitility.await;

import dev.aiq.testhost.TestHost;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A child JVM whose output lines are collected, for tests that read what the host prints. */
final class ChildJvm implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Writer stdin;

    private ChildJvm(Process process) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        pump(process.getInputStream(), "out");
        pump(process.getErrorStream(), "err");
    }

    /** Starts {@code java [jvmArgs] -cp <test host classpath> TestHost args}. */
    static ChildJvm testHost(List<String> jvmArgs, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("aiq.test.classes") + java.io.File.pathSeparator + System.getProperty("aiq.api.classes"));
        command.add(TestHost.class.getName());
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).start());
    }

    /** Runs {@code java -jar aiq-dev.jar args} to completion. */
    static ChildJvm cli(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", agentJar().toString()));
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).start());
    }

    static Path agentJar() {
        return Path.of(System.getProperty("aiq.dev.jar"));
    }

    static String java() {
        return Path.of(System.getProperty("it.jdk", System.getProperty("java.home")), "bin", "java").toString();
    }

    long pid() {
        return process.pid();
    }

    /** Sends one line to the child's stdin. */
    void send(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits for a line containing {@code text} and returns it. */
    String awaitLine(String text) {
        return awaitLine(l -> l.contains(text), "a line containing '" + text + "'");
    }

    String awaitLine(Predicate<String> test, String what) {
        waitFor(what, () -> lines.stream().anyMatch(test));
        return lines.stream().filter(test).findFirst().orElseThrow();
    }

    /** Waits for the {@code n}-th line (1-based) containing {@code text}. */
    String awaitNth(String text, int n) {
        waitFor(n + " lines containing '" + text + "'", () -> lines.stream().filter(l -> l.contains(text)).count() >= n);
        return lines.stream().filter(l -> l.contains(text)).skip(n - 1L).findFirst().orElseThrow();
    }

    private void waitFor(String what, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await(what).atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no " + what + " within " + PATIENCE.toSeconds() + " s; the child printed:\n" + this, e);
        }
    }

    long count(String text) {
        return lines.stream().filter(l -> l.contains(text)).count();
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("the child did not exit; output:\n" + String.join("\n", lines));
        }
        // let the pumps drain
        await().atMost(PATIENCE).until(() -> !pumping());
        return process.exitValue();
    }

    private final List<Thread> pumps = new CopyOnWriteArrayList<>();

    private boolean pumping() {
        return pumps.stream().anyMatch(Thread::isAlive);
    }

    private void pump(InputStream stream, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "child-" + name);
        t.setDaemon(true);
        pumps.add(t);
        t.start();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public String toString() {
        return String.join("\n", lines);
    }
}
