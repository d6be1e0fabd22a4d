package dev.aiq.agent.yaml;

import static dev.aiq.agent.yaml.ReferenceConfigsTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ${VAR}} and {@code ${VAR:-default}} in string values, from the reader's environment map. */
class EnvironmentVariablesTest {

    private static final Map<String, String> ENV = Map.of(
            "NVIDIA_API_KEY", "nvapi-123", "HOST", "0.0.0.0", "EMPTY", "", "LIST", "[1, 2]", "FLAG", "true");

    @TempDir
    Path dir;

    private ConfigDir config() {
        return new ConfigDir(dir, ENV);
    }

    @Test
    void aSetVariableIsSubstitutedAndSeveralMayShareOneString() throws Exception {
        ConfigDir config = config();
        config.write("config.yml",
                "llms:",
                "  nim:",
                "    api_key: ${NVIDIA_API_KEY}",
                "general:",
                "  front_end:",
                "    base_url: http://${HOST}:${PORT:-8000}/v1");

        ReadResult result = config.read("config.yml");

        assertThat(at(result.tree(), "llms", "nim", "api_key")).isEqualTo("nvapi-123");
        assertThat(at(result.tree(), "general", "front_end", "base_url")).isEqualTo("http://0.0.0.0:8000/v1");
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void theDefaultIsUsedWhenTheVariableIsUnsetOrEmpty() throws Exception {
        ConfigDir config = config();
        config.write("config.yml", "a: ${MISSING:-fallback}", "b: ${EMPTY:-fallback}", "c: ${HOST:-fallback}",
                "d: ${MISSING:-}");

        assertThat(config.read("config.yml").tree())
                .isEqualTo(Map.of("a", "fallback", "b", "fallback", "c", "0.0.0.0", "d", ""));
    }

    @Test
    void anUnsetVariableWithoutADefaultIsEmptyWithAWarningAtTheValue() throws Exception {
        ConfigDir config = config();
        config.write("config.yml",
                "llms:",
                "  nim:",
                "    _type: nim",
                "    api_key: ${NVIDIA_KEY}",
                "    org: \"${ORG}-${TEAM}\"");

        ReadResult result = config.read("config.yml");

        assertThat(at(result.tree(), "llms", "nim", "api_key")).isEqualTo("");
        assertThat(at(result.tree(), "llms", "nim", "org")).isEqualTo("-");
        assertThat(result.warnings()).extracting(warning -> warning.render(dir)).containsExactly(
                "config.yml:4:14: environment variable NVIDIA_KEY is not set; using an empty string",
                "config.yml:5:10: environment variable ORG is not set; using an empty string",
                "config.yml:5:10: environment variable TEAM is not set; using an empty string");
    }

    @Test
    void aSetButEmptyVariableIsNotAWarning() throws Exception {
        ConfigDir config = config();
        config.write("config.yml", "token: ${EMPTY}");

        ReadResult result = config.read("config.yml");

        assertThat(result.tree()).isEqualTo(Map.of("token", ""));
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void anEscapedReferenceAndTextThatIsNoReferenceAreKept() throws Exception {
        ConfigDir config = config();
        config.write("config.yml",
                "escaped: $${HOST}",
                "bare: $HOST and $ and $$",
                "empty: ${}",
                "unclosed: ${HOST",
                "not_a_name: ${1ABC} ${A-B}",
                "braces: '{tools} {tool_names}'");

        ReadResult result = config.read("config.yml");

        assertThat(result.tree()).isEqualTo(Map.of(
                "escaped", "${HOST}",
                "bare", "$HOST and $ and $$",
                "empty", "${}",
                "unclosed", "${HOST",
                "not_a_name", "${1ABC} ${A-B}",
                "braces", "{tools} {tool_names}"));
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void theExpandedTextStaysAStringAndIsNeverReadAsYaml() throws Exception {
        ConfigDir config = config();
        config.write("config.yml", "list: ${LIST}", "flag: ${FLAG}", "port: ${PORT:-8000}", "number: 8000");

        assertThat(config.read("config.yml").tree())
                .isEqualTo(Map.of("list", "[1, 2]", "flag", "true", "port", "8000", "number", 8000));
    }

    @Test
    void keysAreNotExpanded() throws Exception {
        ConfigDir config = config();
        config.write("config.yml", "${HOST}: value");

        assertThat(config.read("config.yml").tree()).containsOnlyKeys("${HOST}");
    }

    @Test
    void warningsFromAnIncludedFileNameThatFile() throws Exception {
        ConfigDir config = config();
        config.write("config.yml", "llms: !include llms.yml");
        config.write("llms.yml", "nim:", "  api_key: ${NIM_KEY}");

        assertThat(config.read("config.yml").warnings()).extracting(warning -> warning.render(dir))
                .containsExactly("llms.yml:2:12: environment variable NIM_KEY is not set; using an empty string");
    }
}
