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
     * How one run ended: the kit's {@link AiqDevCli.Result}, its standard output read as a Jackson tree.
     *
     * @param run the run as the kit reports it
     */
    public record Result(AiqDevCli.Result run) {

        /** Returns the arguments it was given. */
        public List<String> args() {
            return run.args();
        }

        /** Returns its exit code. */
        public int exitCode() {
            return run.exitCode();
        }

        /** Returns its standard output, line ends as {@code \n}. */
        public String out() {
            return run.out();
        }

        /** Returns its standard error, line ends as {@code \n}. */
        public String err() {
            return run.err();
        }

        /** Returns standard output as lines. */
        public List<String> outLines() {
            return run.outLines();
        }

        /** Returns standard output parsed as JSON. */
        public JsonNode json() {
            try {
                return JSON.readTree(run.out());
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON: " + this, e);
            }
        }

        /** Returns the command, exit code and output, for assertion messages. */
        @Override
        public String toString() {
            return run.toString();
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
        return new Result(AiqDevCli.runWithInput(input, args));
    }
}
