package dev.aiq.agent.yaml;

import static dev.aiq.agent.yaml.ReferenceConfigsTest.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a successful read hands on: the tree, key positions, files, sources and the content hash. */
class ReadResultTest {

    @TempDir
    Path dir;

    @Test
    void positionsNameTheKeyOfEveryValueIncludingListItemsAndIncludedKeys() throws Exception {
        ConfigDir config = new ConfigDir(dir);
        config.write("config.yml",
                "llms: !include llms.yml",
                "workflow:",
                "  _type: react_agent",
                "  tool_names:",
                "    - wiki",
                "    - {name: clock}");
        config.write("llms.yml", "# the models", "nim_llm:", "    temperature: 0.7");

        Map<String, Position> positions = config.read("config.yml").positions();

        Path root = config.path("config.yml");
        Path llms = config.path("llms.yml");
        assertThat(positions).containsExactly(
                Map.entry("llms", new Position(root, 1, 1)),
                Map.entry("llms.nim_llm", new Position(llms, 2, 1)),
                Map.entry("llms.nim_llm.temperature", new Position(llms, 3, 5)),
                Map.entry("workflow", new Position(root, 2, 1)),
                Map.entry("workflow._type", new Position(root, 3, 3)),
                Map.entry("workflow.tool_names", new Position(root, 4, 3)),
                Map.entry("workflow.tool_names[0]", new Position(root, 5, 7)),
                Map.entry("workflow.tool_names[1]", new Position(root, 6, 7)),
                Map.entry("workflow.tool_names[1].name", new Position(root, 6, 8)));
    }

    @Test
    void positionsOfAMergedTreeAreWhereTheWinningValueWasWritten() throws Exception {
        ConfigDir config = new ConfigDir(dir);
        config.write("base.yml", "llms:", "  nim:", "    temperature: 0.0", "    max_tokens: 1024",
                "workflow: {tool_names: [a, b, c]}");
        config.write("config.yml", "base: base.yml", "llms:", "  nim:", "    temperature: 0.9",
                "workflow: {tool_names: [z]}");

        Map<String, Position> positions = config.read("config.yml").positions();

        assertThat(positions.get("llms.nim.temperature")).isEqualTo(new Position(config.path("config.yml"), 4, 5));
        assertThat(positions.get("llms.nim.max_tokens")).isEqualTo(new Position(config.path("base.yml"), 4, 5));
        assertThat(positions.get("workflow.tool_names[0]")).isEqualTo(new Position(config.path("config.yml"), 5, 25));
        assertThat(positions).doesNotContainKeys("base", "workflow.tool_names[1]", "workflow.tool_names[2]");
    }

    @Test
    void scalarsAreTheTypesSnakeYamlGives() throws Exception {
        ConfigDir config = new ConfigDir(dir);
        config.write("config.yml",
                "int: 42", "long: 12345678901", "big: 123456789012345678901234567890", "hex: 0x1F",
                "float: 0.7", "exp: 1.0e-3", "inf: .inf", "yes_is_true: yes", "bool: false", "nothing: ~", "empty:",
                "quoted_number: '42'", "date: 2026-06-30", "merge_text: <<");

        Map<String, Object> tree = config.read("config.yml").tree();

        assertThat(tree).containsEntry("int", 42).containsEntry("long", 12345678901L)
                .containsEntry("big", new BigInteger("123456789012345678901234567890")).containsEntry("hex", 31)
                .containsEntry("float", 0.7).containsEntry("exp", 0.001)
                .containsEntry("inf", Double.POSITIVE_INFINITY).containsEntry("yes_is_true", true)
                .containsEntry("bool", false).containsEntry("nothing", null).containsEntry("empty", null)
                .containsEntry("quoted_number", "42").containsEntry("date", "2026-06-30")
                .containsEntry("merge_text", "<<");
    }

    @Test
    void mergeKeysAndAliasesAreExpanded() throws Exception {
        ConfigDir config = new ConfigDir(dir);
        config.write("config.yml",
                "defaults: &defaults {_type: nim, temperature: 0.0}",
                "llms:",
                "  fast: {<<: *defaults, temperature: 0.9}",
                "  same: *defaults");

        assertThat(config.read("config.yml").tree().get("llms")).isEqualTo(Map.of(
                "fast", Map.of("_type", "nim", "temperature", 0.9),
                "same", Map.of("_type", "nim", "temperature", 0.0)));
    }

    @Test
    void theTreeCannotBeChangedAtAnyDepth() throws Exception {
        ConfigDir config = new ConfigDir(dir);
        config.write("config.yml", "workflow: {tool_names: [a]}");
        ReadResult result = config.read("config.yml");

        @SuppressWarnings("unchecked")
        Map<String, Object> workflow = (Map<String, Object>) result.tree().get("workflow");
        @SuppressWarnings("unchecked")
        List<Object> tools = (List<Object>) workflow.get("tool_names");

        assertThatThrownBy(() -> result.tree().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> workflow.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> tools.add("b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> result.positions().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> result.sources().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void filesAndSourcesListEveryFileOnceRootFirst() throws Exception {
        ConfigDir config = new ConfigDir(dir);
        config.write("config.yml", "base: base.yml", "llms: !include llms.yml", "prompt: file://prompt.txt",
                "again: !include llms.yml");
        config.write("base.yml", "eval: {}");
        config.write("llms.yml", "nim: {}");
        config.write("prompt.txt", "Be brief.");

        ReadResult result = config.read("config.yml");

        // file:// texts are read once the YAML of every file is in, as the toolkit resolves them after parsing.
        List<Path> expected = List.of(config.path("config.yml"), config.path("llms.yml"), config.path("base.yml"),
                config.path("prompt.txt"));
        assertThat(result.root()).isEqualTo(config.path("config.yml"));
        assertThat(result.files()).containsExactlyElementsOf(expected);
        assertThat(result.sources().keySet()).containsExactlyElementsOf(expected);
        assertThat(result.sources().get(config.path("prompt.txt"))).isEqualTo("Be brief.\n");
    }

    @Test
    void aRelativeRootIsMadeAbsolute() throws Exception {
        ConfigDir config = new ConfigDir(dir);
        config.write("config.yml", "llms: {}");
        Path relative = Path.of("").toAbsolutePath().relativize(config.path("config.yml"));

        assertThat(new YamlReader(Map.of()).read(relative).root()).isEqualTo(config.path("config.yml"));
    }

    @Test
    void theHashStaysWhenNothingChangesAndChangesWhenAnIncludedFileDoes() throws Exception {
        ConfigDir config = new ConfigDir(dir);
        config.write("config.yml", "llms: !include llms.yml", "prompt: file://prompt.txt");
        config.write("llms.yml", "nim: {temperature: 0.7}");
        config.write("prompt.txt", "Be brief.");

        String first = config.read("config.yml").sha256();
        String again = config.read("config.yml").sha256();
        config.write("llms.yml", "nim: {temperature: 0.9}");
        String afterInclude = config.read("config.yml").sha256();
        config.write("prompt.txt", "Be thorough.");
        String afterPrompt = config.read("config.yml").sha256();

        assertThat(first).matches("[0-9a-f]{64}").isEqualTo(again);
        assertThat(afterInclude).isNotEqualTo(first);
        assertThat(afterPrompt).isNotEqualTo(afterInclude).isNotEqualTo(first);
    }

    @Test
    void theHashDependsOnWhichFileHoldsTheContent() throws Exception {
        ConfigDir config = new ConfigDir(dir);
        config.write("config.yml", "llms: !include a.yml");
        config.write("a.yml", "nim: {}");
        config.write("other.yml", "llms: !include b.yml");
        config.write("b.yml", "nim: {}");

        ReadResult viaA = config.read("config.yml");
        ReadResult viaB = config.read("other.yml");

        assertThat(viaA.tree()).isEqualTo(viaB.tree());
        assertThat(viaA.sha256()).isNotEqualTo(viaB.sha256());
    }

    @Test
    void concurrentReadsOfOneReaderGiveTheSameResult() throws Exception {
        ConfigDir config = new ConfigDir(dir, Map.of("KEY", "k"));
        config.write("config.yml", "base: base.yml", "llms: !include llms.yml", "workflow: {prompt: file://p.txt}");
        config.write("base.yml", "eval: {dataset: {_type: json}}");
        config.write("llms.yml", "nim: {api_key: \"${KEY}\", missing: \"${UNSET}\"}");
        config.write("p.txt", "Be brief.");
        YamlReader reader = new YamlReader(Map.of("KEY", "k"));
        ReadResult expected = reader.read(config.path("config.yml"));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<ReadResult>> reads = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                reads.add(() -> reader.read(config.path("config.yml")));
            }
            for (Future<ReadResult> read : pool.invokeAll(reads)) {
                assertThat(read.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(at(expected.tree(), "llms", "nim", "api_key")).isEqualTo("k");
        assertThat(expected.warnings()).hasSize(1);
    }
}
