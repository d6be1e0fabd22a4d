package dev.aiq.agent.yaml;

import static dev.aiq.agent.yaml.ReferenceConfigsTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Variables as the toolkit expands them: in the raw text before parsing, so that what is substituted is YAML (quotes
 * are YAML quotes, {@code null} is null, {@code 8080} an int), then again over the strings of the tree; errors point
 * at the file as written even when an expansion changed a line's length or added lines.
 */
class EnvironmentVariablesTest {

    private static final Map<String, String> ENV = Map.of(
            "NVIDIA_API_KEY", "nvapi-123", "HOST", "0.0.0.0", "EMPTY", "", "LIST", "[1, 2]", "FLAG", "true",
            "MULTI_LINE", "one\nsecond: two", "BROKEN", "x: y: z");

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
    void defaultsOfEveryTypeAreReadAsYamlAfterTheSubstitution() throws Exception {
        ConfigDir config = config();
        config.write("config.yml",
                "quoted: ${CLIENT_ID:-\"nat-mcp-client\"}",
                "single: ${CLIENT_ID:-'single quoted'}",
                "bare: ${CLIENT_ID:-bare text}",
                "nothing: ${X:-null}",
                "tilde: ${X:-~}",
                "port: ${PORT:-8080}",
                "big: ${X:-123456789012345678901234567890}",
                "ratio: ${X:-0.5}",
                "exponent: ${X:-1.0e+3}",
                "python_string: ${X:-1e3}",
                "yes: ${X:-true}",
                "off: ${X:-off}",
                "quoted_port: \"${PORT:-8080}\"",
                "list: ${LIST}",
                "flag: ${FLAG}",
                "empty_default: ${X:-}",
                "set_but_empty: ${EMPTY}");

        Map<String, Object> tree = config.read("config.yml").tree();

        Map<String, Object> expected = new HashMap<>();
        expected.put("quoted", "nat-mcp-client");
        expected.put("single", "single quoted");
        expected.put("bare", "bare text");
        expected.put("nothing", null);
        expected.put("tilde", null);
        expected.put("port", 8080);
        expected.put("big", new BigInteger("123456789012345678901234567890"));
        expected.put("ratio", 0.5);
        expected.put("exponent", 1000.0);
        expected.put("python_string", "1e3");
        expected.put("yes", true);
        expected.put("off", false);
        expected.put("quoted_port", "8080");
        expected.put("list", List.of(1, 2));
        expected.put("flag", true);
        expected.put("empty_default", null);
        expected.put("set_but_empty", null);
        assertThat(tree).containsExactlyInAnyOrderEntriesOf(expected);
        tree.forEach((key, value) -> {
            if (!(value instanceof List)) {
                assertThat(value == null ? null : value.getClass()).as(key)
                        .isEqualTo(expected.get(key) == null ? null : expected.get(key).getClass());
            }
        });
    }

    @Test
    void anUnsetVariableWithoutADefaultIsEmptyWithAWarningAtTheReference() throws Exception {
        ConfigDir config = config();
        config.write("config.yml",
                "llms:",
                "  nim:",
                "    _type: nim",
                "    api_key: ${NVIDIA_KEY}",
                "    org: \"${ORG}-${TEAM}\"");

        ReadResult result = config.read("config.yml");

        assertThat(at(result.tree(), "llms", "nim", "api_key")).isNull();
        assertThat(at(result.tree(), "llms", "nim", "org")).isEqualTo("-");
        assertThat(result.warnings()).extracting(warning -> warning.render(dir)).containsExactly(
                "config.yml:4:14: environment variable NVIDIA_KEY is not set; using an empty string",
                "config.yml:5:11: environment variable ORG is not set; using an empty string",
                "config.yml:5:18: environment variable TEAM is not set; using an empty string");
    }

    @Test
    void keysAreExpandedToo() throws Exception {
        ConfigDir config = config();
        config.write("config.yml", "${HOST}: value");

        assertThat(config.read("config.yml").tree()).containsOnlyKeys("0.0.0.0");
    }

    @Test
    void aBareDollarAndAnEscapedReferenceStayForTheRawPassAndTheTreePassExpandsWhatIsLeft() throws Exception {
        ConfigDir config = config();
        config.write("config.yml",
                "bare: $HOST and $ and $$",
                "doubled: $${HOST}",
                "escaped: \\${HOST}",
                "twice_escaped: '\\\\\\${HOST}'",
                "not_a_name: x${1ABC}|${A-B}",
                "braces: '{tools} {tool_names}'",
                "windows: 'C:\\dir\\file'");

        assertThat(config.read("config.yml").tree()).containsExactly(
                Map.entry("bare", "$HOST and $ and $$"),
                Map.entry("doubled", "$0.0.0.0"),
                Map.entry("escaped", "0.0.0.0"),
                Map.entry("twice_escaped", "${HOST}"),
                Map.entry("not_a_name", "x|B"),
                Map.entry("braces", "{tools} {tool_names}"),
                Map.entry("windows", "C:\\dir\\file"));
    }

    @Test
    void whatTheToolkitRefusesIsAnErrorAtTheReference() {
        ConfigDir config = config();
        config.write("config.yml", "a: 1", "empty: ${}");
        config.write("unclosed.yml", "a: 1", "unclosed: ${HOST", "b: 2");
        config.write("required.yml", "key: ${NVIDIA_KEY:?set it in .env}");
        config.write("in_a_comment.yml", "a: 1  # see ${UNCLOSED");
        config.write("trailing.yml", "path: 'C:\\dir\\'");

        assertThat(config.error("config.yml")).isEqualTo(
                "config.yml:2:8: bad substitution '${}': it names no variable");
        assertThat(config.error("unclosed.yml")).isEqualTo(
                "unclosed.yml:2:11: '${' is never closed: add the '}' to '${HOST'");
        assertThat(config.error("required.yml")).isEqualTo(
                "required.yml:1:6: environment variable NVIDIA_KEY is required ('${NVIDIA_KEY:?set it in .env}'): "
                        + "'set it in .env'");
        assertThat(config.error("in_a_comment.yml")).startsWith("in_a_comment.yml:1:13: '${' is never closed");
        assertThat(config.error("trailing.yml")).startsWith("trailing.yml:1:7: a backslash at the end");
    }

    @Test
    void anErrorAfterAnExpansionThatChangedTheLineLengthPointsAtTheFileAsWritten() {
        ConfigDir config = config();
        String line = "key: ${NVIDIA_API_KEY} and: more";
        config.write("config.yml", "first: 1", line);

        assertThat(config.error("config.yml")).startsWith("config.yml:2:" + (line.indexOf("and:") + 4) + ": ");
    }

    @Test
    void anErrorAfterAnExpansionThatAddedLinesPointsAtTheLineAsWritten() {
        ConfigDir config = config();
        config.write("config.yml",
                "first: ${MULTI_LINE}",
                "list: [1, 2",
                "last: 3");

        assertThat(config.error("config.yml")).startsWith("config.yml:3:");
    }

    @Test
    void anErrorInsideTheSubstitutedTextPointsAtTheReference() {
        ConfigDir config = config();
        config.write("config.yml", "a: 1", "value: ${BROKEN}");

        assertThat(config.error("config.yml")).startsWith("config.yml:2:8: ");
    }

    @Test
    void positionsOfKeysAfterAnExpansionAreWhereTheyWereWritten() throws Exception {
        ConfigDir config = config();
        config.write("config.yml",
                "a: {key: ${NVIDIA_API_KEY}, other: 1}",
                "first: ${MULTI_LINE}",
                "after: 2");

        ReadResult result = config.read("config.yml");

        Path file = config.path("config.yml");
        assertThat(result.positions()).containsEntry("a.other", new Position(file, 1, 29))
                .containsEntry("first", new Position(file, 2, 1))
                .containsEntry("second", new Position(file, 2, 8))
                .containsEntry("after", new Position(file, 3, 1));
        assertThat(result.tree()).containsEntry("first", "one").containsEntry("second", "two");
    }

    @Test
    void warningsFromAnIncludedFileNameThatFile() throws Exception {
        ConfigDir config = config();
        config.write("config.yml", "llms: !include llms.yml");
        config.write("llms.yml", "nim:", "  api_key: ${NIM_KEY}");

        assertThat(config.read("config.yml").warnings()).extracting(warning -> warning.render(dir))
                .containsExactly("llms.yml:2:12: environment variable NIM_KEY is not set; using an empty string");
    }

    @Test
    void aHundredKilobyteValueInAnErrorIsCutToOneShortLine() {
        char[] big = new char[100 * 1024];
        Arrays.fill(big, 'x');
        ConfigDir config = new ConfigDir(dir, Map.of("BIG", new String(big)));
        config.write("config.yml", "a: ${BIG:?}", "b: \"${X:?" + new String(big) + "}\"");

        String error = config.error("config.yml");

        assertThat(error).doesNotContain("\n").hasSizeLessThan(300);
    }
}
