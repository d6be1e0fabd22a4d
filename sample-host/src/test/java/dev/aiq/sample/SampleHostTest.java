package dev.aiq.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.sample.testing.ConfigDir;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line run in-process; serving over HTTP as a process is {@code SampleHostProcessIT}'s. */
class SampleHostTest {

    @TempDir
    Path temp;

    private Path config;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeConfig() {
        config = ConfigDir.in(temp).copyResource("reference-configs/02_aiq_era_react_agent_pr431.yml", "config.yml");
    }

    @Test
    void runConsoleAnswersEachLineOfInputWithOneLine() {
        int status = run("Who is Ada Lovelace?\nWrite Python code for fizzbuzz\n\n", "run", "console",
                "--config_file", config.toString());

        assertThat(status).isZero();
        assertThat(lines(out)).hasSize(3).allSatisfy(answer ->
                assertThat(answer).startsWith("[nim_llm nim meta/llama-3.1-70b-instruct temperature=0.0] Answer to "));
        assertThat(lines(out).get(0)).contains("| wikipedia_search: 3 Wikipedia results");
        assertThat(lines(out).get(1)).contains("| code_generation: ");
        assertThat(lines(err)).isEmpty();
    }

    @Test
    void runConsoleWithInputAnswersOnceWithTheOverridesApplied() {
        int status = run("ignored\n", "run", "console", "--config_file", config.toString(),
                "--override", "llms.nim_llm.temperature", "1.5", "--input", "Hello");

        assertThat(status).isZero();
        assertThat(lines(out)).containsExactly("[nim_llm nim meta/llama-3.1-70b-instruct temperature=1.5] "
                + "Answer to \"Hello\" | react_agent tools=[wikipedia_search, current_datetime, code_generation]");
    }

    @Test
    void anInvalidConfigIsOneLineOnStderrAndStatusOne() {
        int status = run("", "run", "console", "--config_file", config.toString(),
                "--override", "llms.bad_llm._type", "invalid_llm");

        assertThat(status).isOne();
        assertThat(lines(out)).isEmpty();
        assertThat(lines(err)).containsExactly(
                "sample-host: invalid config: llms.bad_llm._type: Unknown LLM type 'invalid_llm'");
    }

    @Test
    void aConfigTheValidatorRejectsIsOneLineOnStderrAndStatusOne() {
        int status = run("", "serve", "fastapi", "--config_file", config.toString(),
                "--override", "llms.nim_llm.temperature", "5");

        assertThat(status).isOne();
        assertThat(lines(err)).containsExactly(
                "sample-host: invalid config: llms.nim_llm.temperature: temperature 5.0 is outside 0..2");
    }

    @Test
    void aBadCommandLineIsOneLineOnStderrAndStatusOne() {
        int status = run("", "serve", "fastapi");

        assertThat(status).isOne();
        assertThat(lines(err)).containsExactly("sample-host: --config_file is required (see --help)");
    }

    @Test
    void helpPrintsUsageOnStdout() {
        int status = run("", "--help");

        assertThat(status).isZero();
        assertThat(lines(out).get(0)).startsWith("Usage: sample-host run console --config_file FILE");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("serve fastapi", "--override PATH VALUE");
    }

    private int run(String stdin, String... args) {
        return SampleHost.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static List<String> lines(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
