package dev.aiq.sample.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiq.api.ConfigOverrides;
import dev.aiq.sample.testing.ConfigDir;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoadErrorsTest {

    private static final String VALID = """
            llms:
              nim_llm:
                _type: nim
                model_name: meta/llama-3.1-70b-instruct
                temperature: 0.7
            functions:
              wikipedia_search:
                _type: wiki_search
              current_datetime:
                _type: current_datetime
            workflow:
              _type: react_agent
              llm_name: nim_llm
              tool_names: [wikipedia_search, current_datetime]
            """;

    @TempDir
    Path temp;

    private ConfigDir dir;
    private final ConfigLoader loader = new ConfigLoader(Map.of(), false);

    @BeforeEach
    void createDir() {
        dir = ConfigDir.in(temp);
    }

    static Stream<Arguments> invalidConfigs() {
        return Stream.of(
                Arguments.of(VALID + "bogus: 1\n", "bogus", "unknown top-level section 'bogus'"),
                Arguments.of(VALID.replace("llms:\n", "llms:\n  bad_llm:\n    _type: invalid_llm\n"),
                        "llms.bad_llm._type", "Unknown LLM type 'invalid_llm'"),
                Arguments.of(VALID.replace("functions:\n", "functions:\n  x:\n    _type: nope\n"),
                        "functions.x._type", "Unknown function type 'nope'"),
                Arguments.of(VALID + "tools:\n  t:\n    _type: nope\n", "tools.t._type", "Unknown function type 'nope'"),
                Arguments.of(VALID.replace("_type: react_agent", "_type: nope"),
                        "workflow._type", "Unknown workflow type 'nope'"),
                Arguments.of(VALID + "embedders:\n  e:\n    _type: nope\n",
                        "embedders.e._type", "Unknown embedder type 'nope'"),
                Arguments.of(VALID + "function_groups:\n  g:\n    _type: nope\n",
                        "function_groups.g._type", "Unknown function group type 'nope'"),
                Arguments.of(VALID + "authentication:\n  a:\n    _type: nope\n",
                        "authentication.a._type", "Unknown authentication type 'nope'"),
                Arguments.of(VALID + "general:\n  front_end:\n    _type: grpc\n",
                        "general.front_end._type", "Unknown front end type 'grpc'"),
                Arguments.of(VALID.replace("llm_name: nim_llm", "llm_name: missing"),
                        "workflow.llm_name", "LLM 'missing' is not defined in llms"),
                Arguments.of(VALID.replace("llm_name: nim_llm", "llm: missing"),
                        "workflow.llm", "LLM 'missing' is not defined in llms"),
                Arguments.of(VALID.replace("  llm_name: nim_llm\n", ""), "workflow", "no llm_name given"),
                Arguments.of(VALID.replace("[wikipedia_search, current_datetime]", "[wikipedia_search, x]"),
                        "workflow.tool_names[1]", "function 'x' is not defined"),
                Arguments.of(VALID.replace("[wikipedia_search, current_datetime]", "wikipedia_search"),
                        "workflow.tool_names", "expected a list"),
                Arguments.of(VALID.replace("    _type: wiki_search\n", "    _type: wiki_search\n    llm_name: other\n"),
                        "functions.wikipedia_search.llm_name", "LLM 'other' is not defined in llms"),
                Arguments.of(VALID.replace("    _type: wiki_search\n",
                                "    _type: wiki_search\n    embedder_name: e5\n"),
                        "functions.wikipedia_search.embedder_name", "embedder 'e5' is not defined in embedders"),
                Arguments.of(VALID.replace("    _type: wiki_search\n",
                                "    _type: wiki_search\n    auth_provider: oauth\n"),
                        "functions.wikipedia_search.auth_provider",
                        "authentication provider 'oauth' is not defined in authentication"),
                Arguments.of(VALID.replace("temperature: 0.7", "temperature: hot"),
                        "llms.nim_llm.temperature", "expected a number, got 'hot'"),
                Arguments.of(VALID + "general:\n  front_end:\n    port: 80.5\n",
                        "general.front_end.port", "expected a whole number, got '80.5'"),
                Arguments.of(VALID.replace("    _type: nim\n", ""), "llms.nim_llm", "no _type given"),
                Arguments.of(VALID.replace("current_datetime:\n    _type: current_datetime", "current_datetime:"),
                        "functions.current_datetime", "expected a map with a _type, got nothing"),
                Arguments.of("llms: [nim_llm]\nworkflow: {_type: react_agent, llm_name: nim_llm}\n",
                        "llms", "expected a map"),
                Arguments.of("llms: {}\n", "workflow", "the config has no workflow section"),
                Arguments.of(VALID + "general:\n  testing:\n    listener_hang_seconds: soon\n",
                        "general.testing.listener_hang_seconds", "expected a whole number, got 'soon'"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("invalidConfigs")
    void reportsTheOffendingKeyFirst(String yaml, String path, String problem) {
        Path file = dir.writeInPlace("config.yml", yaml);

        assertThatThrownBy(() -> loader.read(file, ConfigOverrides.none()))
                .isInstanceOfSatisfying(ConfigLoadException.class, e -> {
                    assertThat(e.path()).isEqualTo(path);
                    assertThat(e.getMessage()).isEqualTo(path + ": " + problem);
                });
    }

    @Test
    void theValidConfigLoads() throws Exception {
        assertThat(loader.read(dir.writeInPlace("config.yml", VALID), ConfigOverrides.none()).llms())
                .containsOnlyKeys("nim_llm");
    }

    @Test
    void reportsTheFirstProblemInFileOrder() {
        Path file = dir.writeInPlace("config.yml", VALID.replace("_type: nim", "_type: nope")
                .replace("_type: react_agent", "_type: nope"));

        assertThatThrownBy(() -> loader.read(file, ConfigOverrides.none()))
                .hasMessage("llms.nim_llm._type: Unknown LLM type 'nope'");
    }

    @Test
    void reportsAYamlSyntaxErrorWithLineAndColumn() {
        Path file = dir.writeInPlace("config.yml", """
                llms:
                  nim_llm:
                    _type: nim
                    temperature: [0.7
                workflow: {}
                """);

        assertThatThrownBy(() -> loader.read(file, ConfigOverrides.none()))
                .isInstanceOfSatisfying(ConfigLoadException.class, e -> assertThat(e.path()).isEmpty())
                .hasMessageStartingWith(file + ":5:")
                .hasMessageNotContaining("\n");
    }

    @Test
    void reportsADuplicateKeyWhereTheSecondOneIs() {
        Path file = dir.writeInPlace("config.yml", """
                llms:
                  nim_llm:
                    _type: nim
                    temperature: 0.7
                    temperature: 0.9
                """);

        assertThatThrownBy(() -> loader.read(file, ConfigOverrides.none()))
                .hasMessage(file + ":5:5: duplicate key 'temperature'");
    }

    @Test
    void reportsATopLevelThatIsNotAMap() {
        Path file = dir.writeInPlace("config.yml", "- llms\n- workflow\n");

        assertThatThrownBy(() -> loader.read(file, ConfigOverrides.none()))
                .hasMessage(file + ":1:1: the config must be a map of sections such as llms and workflow, not a list");
    }

    @Test
    void refusesJavaTypeTags() {
        Path file = dir.writeInPlace("config.yml", "llms: !!java.io.File {}\n");

        assertThatThrownBy(() -> loader.read(file, ConfigOverrides.none()))
                .isInstanceOf(ConfigLoadException.class)
                .hasMessageStartingWith(file + ":1:7: ");
    }

    @Test
    void reportsAMissingConfigFile() {
        Path file = temp.resolve("missing.yml");

        assertThatThrownBy(() -> loader.read(file, ConfigOverrides.none()))
                .hasMessage("cannot read config file " + file + ": no such file");
    }

    @Test
    void reportsAMissingBaseFileAtTheBaseKey() {
        Path file = dir.writeInPlace("config.yml", "base: nope.yml\n" + VALID);

        assertThatThrownBy(() -> loader.read(file, ConfigOverrides.none()))
                .hasMessage("base: base config: cannot read " + temp.resolve("nope.yml") + ": no such file");
    }

    @Test
    void reportsACycleOfBaseFiles() {
        dir.writeInPlace("a.yml", "base: b.yml\n");
        dir.writeInPlace("b.yml", "base: a.yml\n");

        assertThatThrownBy(() -> loader.read(temp.resolve("a.yml"), ConfigOverrides.none()))
                .hasMessage("base: base config " + temp.resolve("a.yml") + " is already being read (a cycle)");
    }

    @Test
    void reportsAMissingIncludeWhereItIsNamed() {
        Path file = dir.writeInPlace("config.yml", VALID.replace("functions:\n", "functions: !include nope.yml\nx:\n"));

        assertThatThrownBy(() -> loader.read(file, ConfigOverrides.none()))
                .hasMessage(file + ":6:12: include: cannot read " + temp.resolve("nope.yml") + ": no such file");
    }

    @Test
    void reportsASyntaxErrorInsideAnIncludedFileInThatFile() {
        Path functions = dir.writeInPlace("functions.yml", "clock:\n  _type: [current_datetime\n");
        Path file = dir.writeInPlace("config.yml", "functions: !include functions.yml\n");

        assertThatThrownBy(() -> loader.read(file, ConfigOverrides.none()))
                .hasMessageStartingWith(functions + ":");
    }

    @Test
    void reportsAnIncludeCycle() {
        Path file = dir.writeInPlace("config.yml", "functions: !include config.yml\n");

        assertThatThrownBy(() -> loader.read(file, ConfigOverrides.none()))
                .hasMessage(file + ":1:12: cannot include " + file + ": it is already being read (a cycle)");
    }
}
