package dev.aiq.sample.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.aiq.junit.AppProcess;
import dev.aiq.sample.reliability.HostileInput.Expected;
import dev.aiq.sample.reliability.HostileInput.Outcome;
import dev.aiq.sample.testing.HostProcess;
import dev.aiq.sample.testing.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every input of {@link HostileInputs}, fed to one live sample host under the agent ({@code delay=0.05},
 * {@code timeout=2}, fault hooks armed), each as a test of its own.
 *
 * <p>Each input starts from the good config (generation g, {@code GET /config} = B) and must produce exactly the line
 * it expects first. A bad input must then leave {@code GET /config} byte for byte B and the host serving generation
 * g; an accepted one must show in {@code GET /config}. Then the good config comes back with a new comment, which
 * reloads successfully, resets the attempts and gives B again: so every bad input is {@code attempt 1/3}, and none
 * depends on another.
 */
class HostileInputsIT {

    @TempDir
    static Path temp;

    private static AppProcess host;
    private static Workspace workspace;
    private static int port;
    private static String baseline;
    /** Where the current input's lines begin; moved past a line an input awaits on its way. */
    private static int inputMark;

    @BeforeAll
    static void startHost() {
        workspace = new Workspace(temp, Workspace.resource("reliability/config.yml"),
                text -> inputMark = host.awaitIndexAfter(inputMark, "'" + text + "'", line -> line.contains(text)) + 1);
        host = Hosts.sampleHost(workspace.config(), "delay=0.05,timeout=2");
        port = HostProcess.port(host);
        host.awaitLine("Watching config: " + workspace.config());
        baseline = config();
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> eachHostileInputIsReportedInOneLineAndChangesNothing() {
        return Stream.concat(
                HostileInputs.all().stream().map(input -> dynamicTest(input.name(), () -> feed(input))),
                Stream.of(dynamicTest("after them all, a good edit applies", HostileInputsIT::aGoodEditApplies)));
    }

    @Test
    void aRejectedConfigSavedAgainAfterTheLiveTextWasPutBackIsReportedAgain() throws Exception {
        String live = Files.readString(workspace.config());
        String bad = workspace.good() + "general:\n  again: true\n";

        int mark = host.mark();
        workspace.write(bad);
        assertThat(host.awaitLineAfter(mark, "Configuration reload failed")).contains("(attempt 1/3)");
        mark = host.mark();
        workspace.write(live);
        host.awaitLineAfter(mark, "Configuration file matches the live configuration again");
        mark = host.mark();
        workspace.write(bad);

        assertThat(host.awaitLineAfter(mark, "Configuration reload failed"))
                .isEqualTo("Configuration reload failed (attempt 1/3): config.yml:28:1: duplicate key 'general'");
        workspace.restore("restored after the same bad text twice");
        host.awaitLineAfter(mark, Outcome.ACCEPTED.line());
    }

    private static void feed(HostileInput input) throws Exception {
        inputMark = host.mark();
        String before = config();
        long generation = generation();
        try {
            input.edit().apply(workspace);

            int outcome = host.awaitIndexAfter(inputMark, "a reload outcome", HostileInputsIT::isOutcome);
            String line = host.line(outcome);
            Expected expected = input.expected();
            switch (expected.outcome()) {
                case REJECTED -> assertThat(line).startsWith("Configuration reload failed (attempt 1/3): ")
                        .contains(expected.detail());
                case MISSING, EMPTY -> assertThat(line).startsWith(expected.outcome().line() + workspace.config());
                case ACCEPTED -> assertThat(line).startsWith(expected.outcome().line());
            }
            if (expected.outcome() == Outcome.ACCEPTED) {
                assertShortReport(outcome);
                assertThat(config()).contains(expected.detail());
                assertThat(generation()).isGreaterThan(generation);
            } else {
                assertThat(config()).as("GET /config after the input").isEqualTo(before).isEqualTo(baseline);
                assertThat(generation()).as("the generation /health reports").isEqualTo(generation);
            }
        } finally {
            restore(input);
        }
    }

    /** Puts the good config back (with a comment, so that it reloads) and checks that the app has it again. */
    private static void restore(HostileInput input) {
        int mark = host.mark();
        workspace.restore("restored after: " + input.name());
        int outcome = host.awaitIndexAfter(mark, "a reload outcome", HostileInputsIT::isOutcome);
        assertThat(host.line(outcome)).as("the good config put back").startsWith(Outcome.ACCEPTED.line());
        assertShortReport(outcome);
        assertThat(config()).isEqualTo(baseline);
    }

    /** A success lists at most 20 changes, then how many more, then the timings: never a screenful per key. */
    private static void assertShortReport(int success) {
        int end = host.awaitIndexAfter(success, "the end of the reload report",
                line -> line.equals("Starting workflow with updated configuration..."));
        assertThat(end - success - 1).as("lines between %s and its end", host.line(success)).isLessThanOrEqualTo(22);
    }

    private static void aGoodEditApplies() {
        int mark = host.mark();
        workspace.write(workspace.goodWith("temperature: 0.7", "temperature: 0.9"));

        host.awaitLineAfter(mark, "  llms.nim_llm.temperature: 0.7 -> 0.9");
        assertThat(config()).contains("\"temperature\":0.9");
        assertThat(host.isAlive()).isTrue();
    }

    private static boolean isOutcome(String line) {
        for (Outcome outcome : Outcome.values()) {
            if (line.startsWith(outcome.line())) {
                return true;
            }
        }
        return line.startsWith("Configuration file matches the live configuration again");
    }

    /** Returns the body of {@code GET /config}, which must answer 200. */
    private static String config() {
        Http.Response response = Http.get(port, "/config");
        assertThat(response.status()).as("GET /config: %s", response.body()).isEqualTo(200);
        return response.body();
    }

    /** Returns the generation {@code GET /health} reports, which must answer 200. */
    private static long generation() {
        Http.Response response = Http.get(port, "/health");
        assertThat(response.status()).as("GET /health: %s", response.body()).isEqualTo(200);
        return Long.parseLong(response.body().replaceAll(".*\"generation\":(\\d+).*", "$1"));
    }
}
