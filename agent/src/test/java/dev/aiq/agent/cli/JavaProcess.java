package dev.aiq.agent.cli;

import dev.aiq.junit.AiqDevCli;
import dev.aiq.junit.AppProcess;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test fixture for real processes: an idle child JVM to list and attach to, and {@code java -jar aiq-dev.jar} run to
 * its end, both by the test kit ({@link AppProcess}, {@link AiqDevCli}). Uses the JDK named by the system property
 * {@code it.jdk} and the paths the build passes ({@code aiq.test.classes}, {@code aiq.dev.jar}).
 */
final class JavaProcess implements AutoCloseable {

    private static final String READY = "ready ";

    /**
     * How one run of the jar ended.
     *
     * @param exitCode its exit code
     * @param out      its standard output
     * @param err      its standard error
     */
    record Result(int exitCode, String out, String err) {
    }

    private final AppProcess process;
    private final String javaVersion;

    private JavaProcess(AppProcess process, String javaVersion) {
        this.process = process;
        this.javaVersion = javaVersion;
    }

    /** Starts {@link IdleChild} with {@code args} and returns once it has said it is ready. */
    static JavaProcess idleChild(String... args) throws IOException {
        AppProcess child = AppProcess.mainClass(IdleChild.class.getName(), List.of(System.getProperty(
                "aiq.test.classes"))).jvmArgs("-Xshare:auto").args(args).start();
        try {
            return new JavaProcess(child, child.awaitLine(READY).substring(READY.length()));
        } catch (AssertionError e) {
            child.close();
            throw new IllegalStateException("the child did not start: " + child, e);
        }
    }

    /** Runs {@code java [jvmOptions] -jar aiq-dev.jar args} to its end. */
    static Result runJar(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        AiqDevCli.Result result = AiqDevCli.run(jvmOptions, "", args);
        return new Result(result.exitCode(), result.out(), result.err());
    }

    long pid() {
        return process.pid();
    }

    /** The child's {@code java.version}. */
    String javaVersion() {
        return javaVersion;
    }

    /** Closes the child's stdin, which ends it. */
    @Override
    public void close() throws IOException, InterruptedException {
        process.closeInput();
        if (!process.process().waitFor(AppProcess.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.close();
        }
    }
}
