package dev.aiq.sample.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiq.junit.AiqDevCli;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The aiq-dev command line as a real process, {@code java -jar aiq-dev.jar args}, run to its end by the test kit's
 * {@link AiqDevCli}; its output read as Jackson trees.
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
    public static final Duration TIMEOUT = AiqDevCli.TIMEOUT;

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
        return dev.aiq.junit.AgentJar.path();
    }

    /** Runs {@code aiq-dev args} with an empty standard input. */
    public static Result run(String... args) {
        return runWithInput("", args);
    }

    /** Runs {@code aiq-dev args} with {@code input} written into a pipe to its standard input, then closed. */
    public static Result runWithInput(String input, String... args) {
        AiqDevCli.Result result = AiqDevCli.runWithInput(input, args);
        return new Result(result.args(), result.exitCode(), result.out(), result.err());
    }
}
