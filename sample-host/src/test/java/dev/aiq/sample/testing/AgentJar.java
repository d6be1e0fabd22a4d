package dev.aiq.sample.testing;

import dev.aiq.junit.AiqDevCli;
import java.nio.file.Path;

/**
 * The built aiq-dev jar, as the end-to-end tests use it: a {@code -javaagent} argument for a {@link HostProcess}, or
 * the command-line tool run as a child process. Over the test kit's {@link dev.aiq.junit.AgentJar} and
 * {@link AiqDevCli}.
 *
 * <pre>{@code
 * HostProcess.serve(config).jvmArgs(AgentJar.javaagent("delay=0.05")).start();
 * AgentJar.Result attached = AgentJar.run("attach", Long.toString(host.process().pid()));
 * }</pre>
 *
 * <p>The jar is the system property {@code aiq.dev.jar} (the pom sets it to {@code ../agent/target/aiq-dev.jar}); the
 * tool runs on the JDK of {@code it.jdk}, like the host.
 */
public final class AgentJar {

    private AgentJar() {
    }

    /**
     * What a run of the command-line tool printed, and how it ended.
     *
     * @param exitCode its exit status
     * @param stdout   its standard output
     * @param stderr   its standard error
     */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** Returns the absolute path of the jar; throws {@link IllegalStateException} if it has not been built. */
    public static Path path() {
        return dev.aiq.junit.AgentJar.path();
    }

    /** Returns {@code -javaagent:<jar>=options}, or {@code -javaagent:<jar>} when {@code options} is empty. */
    public static String javaagent(String options) {
        return dev.aiq.junit.AgentJar.javaagent(options);
    }

    /**
     * Runs {@code java -jar aiq-dev.jar args} and waits for it to end.
     *
     * @throws AssertionError if it does not end in time (it is then killed)
     */
    public static Result run(String... args) {
        AiqDevCli.Result result = AiqDevCli.run(args);
        return new Result(result.exitCode(), result.out(), result.err());
    }
}
