package dev.aiq.junit;

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
 * AiqDevCli.Result status = AiqDevCli.run("status", Long.toString(pid), "--json");
 * assertThat(status.exitCode()).as(status.toString()).isZero();
 * long generation = status.json().path("configs", 0, "generation").asLong();
 * }</pre>
 *
 * <p>The jar is {@link AgentJar#path()}, the JDK {@link AppProcess#javaHome()}. The tool's JVM runs with the C1
 * compiler only: it lives a second. Output goes to files, so a chatty tool never blocks on a full pipe.
 */
public final class AiqDevCli {

    /** How long one command may take: attach waits up to 15 s for the agent, a reload up to 60 s for the app. */
    public static final Duration TIMEOUT = Duration.ofSeconds(120);

    private static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private AiqDevCli() {
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

        /** Returns standard output parsed as JSON (for {@code --json}). */
        public Json json() {
            try {
                return Json.parse(out);
            } catch (IllegalArgumentException e) {
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

    /** Runs {@code aiq-dev args} with an empty standard input. */
    public static Result run(String... args) {
        return run(List.of(), "", args);
    }

    /** Runs {@code aiq-dev args} with {@code input} written to its standard input, then closed. */
    public static Result runWithInput(String input, String... args) {
        return run(List.of(), input, args);
    }

    /**
     * Runs {@code java [jvmOptions] -jar aiq-dev.jar args} with {@code input} on its standard input.
     *
     * @throws AssertionError if it does not end within {@link #TIMEOUT} (it is then killed)
     */
    public static Result run(List<String> jvmOptions, String input, String... args) {
        List<String> command = new ArrayList<>(List.of(AppProcess.java()));
        command.addAll(QUICK_START);
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", AgentJar.path().toString()));
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
                throw new AssertionError("aiq-dev " + String.join(" ", args) + " did not end within " + TIMEOUT
                        + "; it printed:\n" + text(out) + text(err));
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
