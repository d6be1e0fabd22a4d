package dev.aiq.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiq.agent.protocol.ProtocolJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar aiq-dev.jar} as a real process: offline validation, and a Java without the attach module. */
class CommandLineJarIT {

    /** The getting-started config of the NeMo Agent Toolkit examples (Apache-2.0), shortened. */
    private static final String SIMPLE_WEB_QUERY = """
            functions:
              webpage_query:
                _type: webpage_query
                webpage_url: https://docs.smith.langchain.com
                embedder_name: nv-embedqa-e5-v5
                chunk_size: 512
              current_datetime:
                _type: current_datetime

            llms:
              nim_llm:
                _type: nim
                model_name: nvidia/nemotron-3-nano-30b-a3b
                temperature: 0.0

            embedders:
              nv-embedqa-e5-v5:
                _type: nim
                model_name: nvidia/nv-embedqa-e5-v5

            workflow:
              _type: react_agent
              tool_names: [webpage_query, current_datetime]
              llm_name: nim_llm
            """;

    @TempDir
    Path tmp;

    @Test
    void goodConfigPrintsItsSummaryAndExitsZero() throws Exception {
        Path config = write("config.yml", SIMPLE_WEB_QUERY);

        JavaProcess.Result result = JavaProcess.runJar(List.of(), "validate", "--config_file", config.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo(String.join("\n",
                config + " is well-formed (YAML, includes, overrides); the app's own checks: aiq-dev validate <pid>",
                "  llms             1",
                "  embedders        1",
                "  functions        2",
                "  function_groups  0",
                "  workflow         react_agent",
                "  files            " + config,
                ""));
    }

    @Test
    void inheritedConfigListsEveryFileReadAndTakesOverrides() throws Exception {
        write("base-config.yml", SIMPLE_WEB_QUERY);
        Path config = write("config-high-temp.yml", """
                base: base-config.yml

                llms:
                  nim_llm:
                    temperature: 0.9
                """);

        JavaProcess.Result result = JavaProcess.runJar(List.of(), "validate", "--config_file", config.toString(),
                "--override", "llms.nim_llm.temperature", "0.5", "--json");

        JsonNode report = ProtocolJson.mapper().readTree(result.out());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(report.path("valid").asBoolean()).isTrue();
        assertThat(report.path("summary").path("llms").asInt()).isEqualTo(1);
        assertThat(report.path("summary").path("workflowType").asText()).isEqualTo("react_agent");
        assertThat(report.path("summary").path("files")).extracting(JsonNode::asText)
                .containsExactly(config.toString(), tmp.resolve("base-config.yml").toString());
    }

    @Test
    void badConfigPrintsEveryErrorWithItsPositionAndExitsOne() throws Exception {
        Path config = write("config.yml", SIMPLE_WEB_QUERY.replace("    temperature: 0.0\n",
                "    temperature: 0.0\n    temperature: 0.7\n"));

        JavaProcess.Result result = JavaProcess.runJar(List.of(), "validate", "--config_file", config.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).matches("(?s)config\\.yml:15:5: [^\\n]*temperature[^\\n]*\\n");
    }

    @Test
    void badConfigAsJsonCarriesFileLineAndColumn() throws Exception {
        Path config = write("config.yml", SIMPLE_WEB_QUERY.replace("  llm_name: nim_llm", " llm_name: [nim_llm"));

        JavaProcess.Result result = JavaProcess.runJar(List.of(), "validate", "--config_file", config.toString(),
                "--json");

        JsonNode report = ProtocolJson.mapper().readTree(result.out());
        JsonNode error = report.path("errors").get(0);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(report.path("valid").asBoolean()).isFalse();
        assertThat(error.path("file").asText()).isEqualTo(config.toString());
        assertThat(error.path("line").asInt()).isPositive();
        assertThat(error.path("text").asText()).startsWith("config.yml:" + error.path("line").asInt() + ":");
    }

    @Test
    void overrideOfTheWrongTypeIsAnErrorAndExitsOne() throws Exception {
        Path config = write("config.yml", SIMPLE_WEB_QUERY);

        JavaProcess.Result result = JavaProcess.runJar(List.of(), "validate", "--config_file", config.toString(),
                "--override", "llms.nim_llm.temperature", "warm");

        assertThat(result.exitCode()).isEqualTo(1);
        int line = lineOf(config, "    temperature:");
        assertThat(result.out()).as("at the key's position, as the running app says it").isEqualTo("config.yml:" + line
                + ":5: override 'llms.nim_llm.temperature': expected a float, got 'warm' (--override)\n");
    }

    @Test
    void printShowsTheResolvedConfigWithBaseAndOverridesAppliedAndItsSecretsMasked() throws Exception {
        write("base-config.yml", SIMPLE_WEB_QUERY.replace("    temperature: 0.0\n",
                "    temperature: 0.0\n    api_key: nvapi-print-it-secret\n"));
        Path config = write("config.yml", "base: base-config.yml\nllms:\n  nim_llm:\n    max_tokens: 64\n");

        JavaProcess.Result result = JavaProcess.runJar(List.of(), "validate", "--config_file", config.toString(),
                "--override", "llms.nim_llm.temperature", "0.5", "--print");
        JavaProcess.Result json = JavaProcess.runJar(List.of(), "validate", "--config_file", config.toString(),
                "--print", "--json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains(" is well-formed (YAML, includes, overrides); the app's own checks: "
                        + "aiq-dev validate <pid>\n")
                .contains("# resolved config (includes, base:, file:// and overrides applied; secrets masked)\n")
                .contains("llms:\n  nim_llm:\n").contains("    temperature: 0.5\n").contains("    max_tokens: 64\n")
                .contains("    api_key: '****'\n").doesNotContain("nvapi-print-it-secret");
        JsonNode tree = ProtocolJson.mapper().readTree(json.out()).path("tree");
        assertThat(tree.path("llms").path("nim_llm").path("max_tokens").isInt()).as(json.out()).isTrue();
        assertThat(tree.path("llms").path("nim_llm").path("api_key").asText()).isEqualTo("****");
        assertThat(json.out()).doesNotContain("nvapi-print-it-secret");
    }

    @Test
    void anErrorWithoutAPositionCarriesNullNotZero() throws Exception {
        Path config = tmp.resolve("not-written.yml");

        JavaProcess.Result result = JavaProcess.runJar(List.of(), "validate", "--config_file", config.toString(),
                "--json");

        JsonNode error = ProtocolJson.mapper().readTree(result.out()).path("errors").get(0);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(error.has("line")).as(result.out()).isTrue();
        assertThat(error.path("line").isNull()).as(result.out()).isTrue();
        assertThat(error.path("column").isNull()).as(result.out()).isTrue();
    }

    @Test
    void validateWithoutAConfigIsAUsageError() throws Exception {
        JavaProcess.Result result = JavaProcess.runJar(List.of(), "validate");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("validate needs --config_file FILE");
    }

    @Test
    void javaWithoutTheAttachModuleGetsAdvice() throws Exception {
        JavaProcess.Result result = JavaProcess.runJar(List.of("--limit-modules", "java.base,java.management"),
                "list");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo(AttachSupport.MISSING + "\n");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    /** The 1-based number of the first line of {@code file} that starts with {@code prefix}. */
    private static int lineOf(Path file, String prefix) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line of " + file + " starts with '" + prefix + "'");
    }
}
