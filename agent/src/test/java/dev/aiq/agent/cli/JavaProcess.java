package dev.aiq.agent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test fixture for real processes: an idle child JVM to list and attach to, and {@code java -jar aiq-dev.jar} run to
 * its end. Uses the JDK named by the system property {@code it.jdk} and the paths the build passes
 * ({@code aiq.test.classes}, {@code aiq.dev.jar}).
 */
final class JavaProcess implements AutoCloseable {

    private static final long PATIENCE_SECONDS = 120;

    /**
     * How one run of the jar ended.
     *
     * @param exitCode its exit code
     * @param out      its standard output
     * @param err      its standard error
     */
    record Result(int exitCode, String out, String err) {
    }

    private final Process process;
    private final String javaVersion;

    private JavaProcess(Process process, String javaVersion) {
        this.process = process;
        this.javaVersion = javaVersion;
    }

    /** Starts {@link IdleChild} with {@code args} and returns once it has said it is ready. */
    static JavaProcess idleChild(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xshare:auto", "-cp",
                System.getProperty("aiq.test.classes"), IdleChild.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String first = output.readLine();
        if (first == null || !first.startsWith("ready ")) {
            process.destroyForcibly();
            throw new IllegalStateException("the child did not start: " + first);
        }
        return new JavaProcess(process, first.substring("ready ".length()));
    }

    /** Runs {@code java [jvmOptions] -jar aiq-dev.jar args} to its end. */
    static Result runJar(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("aiq-dev-out", ".txt");
        Path err = Files.createTempFile("aiq-dev-err", ".txt");
        try {
            List<String> command = new ArrayList<>(List.of(java()));
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", System.getProperty("aiq.dev.jar")));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("aiq-dev " + String.join(" ", args) + " did not end");
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
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
        process.getOutputStream().close();
        if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("it.jdk", System.getProperty("java.home")), "bin", "java").toString();
    }
}
