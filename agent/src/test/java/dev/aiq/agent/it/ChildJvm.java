package dev.aiq.agent.it;

import dev.aiq.junit.AppProcess;
import dev.aiq.testhost.TestHost;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * A child JVM whose output lines are collected, for tests that read what the host prints: the agent's
 * {@link TestHost} or the aiq-dev jar, run by the test kit's {@link AppProcess}.
 */
final class ChildJvm implements AutoCloseable {

    static final Duration PATIENCE = AppProcess.TIMEOUT;

    private final AppProcess app;

    private ChildJvm(AppProcess app) {
        this.app = app;
    }

    /** Starts {@code java [jvmArgs] -cp <test host classpath> TestHost args}. */
    static ChildJvm testHost(List<String> jvmArgs, String... args) throws IOException {
        List<String> classPath = List.of(System.getProperty("aiq.test.classes"), System.getProperty("aiq.api.classes"));
        return new ChildJvm(AppProcess.mainClass(TestHost.class.getName(), classPath).jvmArgs(jvmArgs).args(args)
                .start());
    }

    /** Runs {@code java -jar aiq-dev.jar args} to completion. */
    static ChildJvm cli(String... args) throws IOException {
        return new ChildJvm(AppProcess.jar(agentJar()).args(args).start());
    }

    static Path agentJar() {
        return Path.of(System.getProperty("aiq.dev.jar"));
    }

    static String java() {
        return AppProcess.java();
    }

    long pid() {
        return app.pid();
    }

    /** Sends one line to the child's stdin. */
    void send(String line) throws IOException {
        app.send(line);
    }

    List<String> lines() {
        return app.lines();
    }

    /** Waits for a line containing {@code text} and returns it. */
    String awaitLine(String text) {
        return app.awaitLine(text);
    }

    String awaitLine(Predicate<String> test, String what) {
        return app.line(app.awaitIndexAfter(0, what, test));
    }

    /** Waits for the {@code n}-th line (1-based) containing {@code text}. */
    String awaitNth(String text, int n) {
        return app.awaitLinesAfter(0, text, n).get(n - 1);
    }

    long count(String text) {
        return app.countAfter(0, text);
    }

    int awaitExit() throws InterruptedException {
        return app.awaitExit();
    }

    @Override
    public void close() {
        app.close();
    }

    @Override
    public String toString() {
        return app.toString();
    }
}
