package dev.aiq.sample.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The built aiq-dev jar, as the end-to-end tests use it: a {@code -javaagent} argument for a {@link HostProcess}, or
 * the command-line tool run as a child process.
 *
 * <pre>{@code
 * HostProcess.serve(config).jvmArgs(AgentJar.javaagent("delay=0.05")).start();
 * AgentJar.Result attached = AgentJar.run("attach", Long.toString(host.process().pid()));
 * }</pre>
 *
 * <p>The jar is the system property {@code aiq.dev.jar} (default {@code ../agent/target/aiq-dev.jar}); the tool runs
 * on the JDK of {@code it.jdk}, like the host.
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
        Path jar = Path.of(System.getProperty("aiq.dev.jar", "../agent/target/aiq-dev.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no aiq-dev jar at " + jar + ": build the agent module first");
        }
        return jar;
    }

    /** Returns {@code -javaagent:<jar>=options}, or {@code -javaagent:<jar>} when {@code options} is empty. */
    public static String javaagent(String options) {
        return "-javaagent:" + path() + (options.isEmpty() ? "" : "=" + options);
    }

    /**
     * Runs {@code java -jar aiq-dev.jar args} and waits for it to end, within {@link HostProcess#TIMEOUT}.
     *
     * @throws AssertionError if it does not end in time (it is then killed)
     */
    public static Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("it.jdk", System.getProperty("java.home")), "bin", "java").toString());
        command.add("-jar");
        command.add(path().toString());
        command.addAll(Arrays.asList(args));
        Path stdout = temp("stdout");
        Path stderr = temp("stderr");
        try {
            // Output goes to files, so a chatty tool can never block on a full pipe nobody reads.
            Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile()).start();
            process.getOutputStream().close(); // no input: the tool must never wait for any
            if (!process.waitFor(HostProcess.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not end within " + HostProcess.TIMEOUT + "; it printed "
                        + Files.readString(stdout) + Files.readString(stderr));
            }
            return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + command + " ran", e);
        } finally {
            delete(stdout);
            delete(stderr);
        }
    }

    private static Path temp(String name) {
        try {
            return Files.createTempFile("aiq-dev-cli-", "." + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
