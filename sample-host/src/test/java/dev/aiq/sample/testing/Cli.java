package dev.aiq.sample.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The aiq-dev command line as a real process, {@code java -jar aiq-dev.jar args}, run to its end.
 *
 * <pre>{@code
 * Cli.Result status = Cli.run("status", Long.toString(pid), "--json");
 * assertThat(status.exitCode()).as(status.toString()).isZero();
 * long generation = status.json().path("configs").path(0).path("generation").asLong();
 * }</pre>
 *
 * <p>The JDK is the system property {@code it.jdk} (default: the JDK running the test), the jar {@code aiq.dev.jar}
 * (default {@code ../agent/target/aiq-dev.jar}). The tool's JVM runs with the C1 compiler only: it lives a second.
 */
public final class Cli {

    /** How long one command may take: attach waits up to 15 s for the agent, a reload up to 60 s for the app. */
    public static final Duration TIMEOUT = Duration.ofSeconds(120);

    private static final ObjectMapper JSON = new ObjectMapper();

    private Cli() {
    }

    /**
     * How one run ended.
     *
     * @param args     the arguments it was given
     * @param exitCode its exit code
     * @param out      its standard output, line ends as {@code \n}
     * @param err      its standard error, line ends as {@code \n}
     */
    public record Result(List<String> args, int exitCode, String out, String err) {

        /** Returns standard output as lines. */
        public List<String> outLines() {
            return out.lines().toList();
        }

        /** Returns standard output parsed as JSON. */
        public JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON: " + this, e);
            }
        }

        /** Returns the command, exit code and output, for assertion messages. */
        @Override
        public String toString() {
            return "aiq-dev " + String.join(" ", args) + " -> exit " + exitCode + "\nstdout:\n" + out + "stderr:\n"
                    + err;
        }
    }

    /** Returns the agent jar the tests load and run. */
    public static Path jar() {
        return Path.of(System.getProperty("aiq.dev.jar", "../agent/target/aiq-dev.jar")).toAbsolutePath().normalize();
    }

    /** Runs {@code aiq-dev args} with an empty standard input. */
    public static Result run(String... args) {
        return runWithInput("", args);
    }

    /** Runs {@code aiq-dev args} with {@code input} written into a pipe to its standard input, then closed. */
    public static Result runWithInput(String input, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", jar().toString()));
        command.addAll(List.of(args));
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("aiq-dev-cli-out", ".txt");
            err = Files.createTempFile("aiq-dev-cli-err", ".txt");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            feed(process, input);
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("aiq-dev " + String.join(" ", args) + " did not end within " + TIMEOUT);
            }
            return new Result(List.of(args), process.exitValue(), text(out), text(err));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void feed(Process process, String input) {
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the tool stopped reading (it ended early): its exit code and output say why
        }
    }

    private static String java() {
        return Path.of(System.getProperty("it.jdk", System.getProperty("java.home")), "bin", "java").toString();
    }

    private static String text(Path file) throws IOException {
        return Files.readString(file).replace(System.lineSeparator(), "\n");
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
