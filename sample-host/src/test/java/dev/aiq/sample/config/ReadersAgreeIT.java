package dev.aiq.sample.config;

import static dev.aiq.sample.testing.DevModeLines.FAILED;
import static dev.aiq.sample.testing.DevModeLines.RELOAD_DONE;
import static dev.aiq.sample.testing.WorkflowYaml.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.sample.testing.Cli;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.HostProcess;
import dev.aiq.sample.testing.Temperatures;
import dev.aiq.sample.testing.WorkflowYaml;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The offline {@code aiq-dev validate} and the live agent read a config with the same reader, so they agree: for each
 * config the toolkit would refuse, the line the agent prints when the running host's config is saved with it is the
 * line {@code validate} prints for the same file; and a config they both accept reloads with the toolkit's types.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadersAgreeIT {

    private static final String UNSET = "AIQ_DEV_TEST_SURELY_UNSET";

    private final Temperatures temperatures = new Temperatures();
    private ConfigDir dir;
    @AutoClose
    private HostProcess host;

    @BeforeAll
    void startTheHostUnderTheAgent(@TempDir Path temp) {
        dir = ConfigDir.in(temp);
        host = HostProcess.servedUnderAgent(WorkflowYaml.copyTo(dir)).startActive();
    }

    static Stream<Arguments> configsTheToolkitRefuses() {
        String config = WorkflowYaml.fixture().text();
        return Stream.of(
                Arguments.of("an unclosed ${", config.replace("max_tokens: 250", "max_tokens: ${MAX_TOKENS")),
                Arguments.of("a reference to no variable", config.replace("max_tokens: 250", "max_tokens: ${}")),
                Arguments.of("a required variable", config.replace("max_tokens: 250",
                        "max_tokens: ${" + UNSET + ":?set the token budget}")),
                Arguments.of("a YAML error after an expansion", config.replace("max_tokens: 250",
                        "max_tokens: ${" + UNSET + ":-250} and: more")),
                Arguments.of("a directive without a document", "%YAML 1.2\n"),
                Arguments.of("file:// to a file that is not a prompt", config.replace("  verbose: true",
                        "  verbose: true\n  system_prompt: file://functions.yml")),
                Arguments.of("an include outside the project root", config.replace("!include functions.yml",
                        "!include ../functions.yml")),
                Arguments.of("a duplicate key", config.replace("  verbose: true", "  verbose: true\n  verbose: false")),
                Arguments.of("a 100 KB value in the message", "base: " + "x".repeat(100 * 1024) + "\n" + config));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configsTheToolkitRefuses")
    void theAgentAndValidatePrintTheSameLine(String name, String content) {
        int mark = host.mark();

        Path file = dir.writeInPlace(CONFIG, content);

        String live = host.awaitLineAfter(mark, FAILED);
        Cli.Result offline = Cli.run("validate", "--config_file", file.toString());
        assertThat(offline.exitCode()).as(offline.toString()).isEqualTo(1);
        String reason = live.substring(live.indexOf("): ") + 3);
        assertThat(offline.outLines()).first().isEqualTo(reason);
        assertThat(reason).doesNotContain("\n").hasSizeLessThan(600);
        restoreAGoodConfig();
    }

    @Test
    void aConfigBothAcceptReloadsWithTheToolkitsTypes() {
        int mark = host.mark();
        String temperature = temperatures.next();

        Path file = dir.writeInPlace(CONFIG, WorkflowYaml.fixture().temperature(temperature)
                .replace("max_tokens: 250", "max_tokens: ${" + UNSET + ":-300}").text());

        host.awaitLineAfter(mark, RELOAD_DONE);
        assertThat(host.linesAfter(mark)).contains("  llms.nim_llm.max_tokens: 250 -> 300");
        assertThat(Cli.run("validate", "--config_file", file.toString()).exitCode()).isZero();
        restoreAGoodConfig();
    }

    private void restoreAGoodConfig() {
        int mark = host.mark();
        dir.writeInPlace(CONFIG, WorkflowYaml.fixture().temperature(temperatures.next()).text());
        host.awaitLineAfter(mark, RELOAD_DONE);
    }
}
