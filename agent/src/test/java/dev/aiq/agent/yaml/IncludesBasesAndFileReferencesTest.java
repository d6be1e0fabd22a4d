package dev.aiq.agent.yaml;

import static dev.aiq.agent.yaml.ReferenceConfigsTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code !include}, {@code base:} and {@code file://}: what they read, and every way they can go wrong. */
class IncludesBasesAndFileReferencesTest {

    @TempDir
    Path temp;

    private Path dir;
    private ConfigDir config;
    private String outsideRoot;

    private void configIn(String name) throws Exception {
        dir = Files.createDirectories(temp.resolve(name));
        config = new ConfigDir(dir);
        outsideRoot = " is outside the project root " + dir + " (the config's directory, no project marker above it);"
                + " widen it with the agent option root=<dir> or validate --root <dir>";
    }

    @Test
    void includeReplacesAValueOrAListItemWithTheIncludedTree() throws Exception {
        configIn("project");
        config.write("config.yml",
                "llms: !include llms/all.yml",
                "workflow:",
                "  _type: react_agent",
                "  tool_names:",
                "    - !include tools/first.yml",
                "    - clock");
        config.write("llms/all.yml", "nim_llm: !include nim.yml");
        config.write("llms/nim.yml", "_type: nim", "temperature: 0.7");
        config.write("tools/first.yml", "wiki");

        ReadResult result = config.read("config.yml");

        assertThat(result.tree().get("llms")).isEqualTo(Map.of("nim_llm", Map.of("_type", "nim", "temperature", 0.7)));
        assertThat(at(result.tree(), "workflow", "tool_names")).isEqualTo(List.of("wiki", "clock"));
        assertThat(result.files()).containsExactly(config.path("config.yml"), config.path("llms/all.yml"),
                config.path("llms/nim.yml"), config.path("tools/first.yml"));
    }

    @Test
    void aFileIncludedTwiceIsReadOnceAndAppearsInBothPlaces() throws Exception {
        configIn("project");
        config.write("config.yml", "a: !include shared.yml", "b: !include shared.yml");
        config.write("shared.yml", "x: 1");

        ReadResult result = config.read("config.yml");

        assertThat(result.tree()).isEqualTo(Map.of("a", Map.of("x", 1), "b", Map.of("x", 1)));
        assertThat(result.files()).containsExactly(config.path("config.yml"), config.path("shared.yml"));
    }

    @Test
    void anEmptyIncludedFileIsNull() throws Exception {
        configIn("project");
        config.write("config.yml", "functions: !include empty.yml");
        config.writeBytes("empty.yml", new byte[0]);

        assertThat(config.read("config.yml").tree()).containsEntry("functions", null);
    }

    @Test
    void baseIsDeepMergedUnderTheFileThatNamesItAndBasesChain() throws Exception {
        configIn("project");
        config.write("grand.yml",
                "llms:",
                "  nim: {_type: nim, temperature: 0.0, max_tokens: 1024}",
                "workflow: {_type: react_agent, tool_names: [wiki, clock]}");
        config.write("parent.yml", "base: grand.yml", "llms:", "  nim: {max_tokens: 2048}", "eval: {}");
        config.write("config.yml",
                "base: parent.yml",
                "llms:",
                "  nim:",
                "    temperature: 0.9",
                "workflow:",
                "  tool_names: [calculator]");

        ReadResult result = config.read("config.yml");

        assertThat(result.tree().get("llms"))
                .isEqualTo(Map.of("nim", Map.of("_type", "nim", "temperature", 0.9, "max_tokens", 2048)));
        assertThat(at(result.tree(), "workflow", "tool_names")).as("lists are replaced, not merged")
                .isEqualTo(List.of("calculator"));
        assertThat(result.tree()).containsOnlyKeys("llms", "workflow", "eval");
        assertThat(List.copyOf(result.tree().keySet())).as("the base's order, new keys after")
                .containsExactly("llms", "workflow", "eval");
        assertThat(result.files()).containsExactly(config.path("config.yml"), config.path("parent.yml"),
                config.path("grand.yml"));
    }

    @Test
    void baseInAnIncludedFragmentIsAnOrdinaryKey() throws Exception {
        configIn("project");
        config.write("config.yml", "llms: !include llms.yml");
        config.write("llms.yml", "base: {_type: nim}");

        assertThat(at(config.read("config.yml").tree(), "llms", "base")).isEqualTo(Map.of("_type", "nim"));
    }

    @Test
    void fileReferenceIsReplacedByTheFilesTextAsIs() throws Exception {
        configIn("project");
        config.write("config.yml", "workflow:", "  system_prompt: file://prompts/system.txt");
        config.write("prompts/system.txt", "You are terse.", "Tools: {tools}  ${NOT_EXPANDED}");

        ReadResult result = config.read("config.yml");

        assertThat(at(result.tree(), "workflow", "system_prompt"))
                .isEqualTo("You are terse.\nTools: {tools}  ${NOT_EXPANDED}\n");
        assertThat(result.files()).containsExactly(config.path("config.yml"), config.path("prompts/system.txt"));
        assertThat(result.sources().get(config.path("prompts/system.txt"))).startsWith("You are terse.");
    }

    @Test
    void referencesInsideAnIncludedFileAreRelativeToThatFile() throws Exception {
        configIn("project");
        config.write("config.yml", "workflow: !include flows/react.yml");
        config.write("flows/react.yml", "prompt: file://react.txt", "llm: !include ../llms/nim.yml");
        config.write("flows/react.txt", "Think first.");
        config.write("llms/nim.yml", "nim_llm");

        assertThat(config.read("config.yml").tree().get("workflow"))
                .isEqualTo(Map.of("prompt", "Think first.\n", "llm", "nim_llm"));
    }

    @Test
    void aSymlinkThatStaysInsideTheConfigDirectoryIsFollowed() throws Exception {
        configIn("project");
        config.write("config.yml", "llms: !include current.yml");
        config.write("versions/v2.yml", "nim: {temperature: 0.2}");
        Files.createSymbolicLink(config.path("current.yml"), Path.of("versions/v2.yml"));

        ReadResult result = config.read("config.yml");

        assertThat(at(result.tree(), "llms", "nim", "temperature")).isEqualTo(0.2);
        assertThat(result.files()).as("named as written, not as resolved")
                .containsExactly(config.path("config.yml"), config.path("current.yml"));
    }

    @Test
    void aKubernetesConfigMapLayoutOfSymlinksReadsWithTheFilesAsNamed() throws Exception {
        configIn("config");
        config.write("..2026_06_30/config.yml", "llms: !include llms.yml");
        config.write("..2026_06_30/llms.yml", "nim: {temperature: 0.3}");
        Files.createSymbolicLink(config.path("..data"), Path.of("..2026_06_30"));
        Files.createSymbolicLink(config.path("config.yml"), Path.of("..data/config.yml"));
        Files.createSymbolicLink(config.path("llms.yml"), Path.of("..data/llms.yml"));

        ReadResult result = config.read("config.yml");

        assertThat(at(result.tree(), "llms", "nim", "temperature")).isEqualTo(0.3);
        assertThat(result.files()).containsExactly(config.path("config.yml"), config.path("llms.yml"));
    }

    @Test
    void includeOfAMissingFile() throws Exception {
        configIn("project");
        config.write("config.yml", "general: {}", "llms: !include llms.yml");

        assertThat(config.error("config.yml")).isEqualTo("config.yml:2:7: included file 'llms.yml' does not exist");
    }

    @Test
    void aFailedReadStillNamesTheMissingFileSoItCanBeWatched() throws Exception {
        configIn("project");
        config.write("config.yml", "llms: !include llms.yml");

        ConfigException failure = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
                () -> config.read("config.yml"));

        assertThat(failure.files()).containsExactly(config.path("config.yml"), config.path("llms.yml"));
    }

    @Test
    void includeThatLeavesTheConfigDirectoryByName() throws Exception {
        configIn("project");
        Files.writeString(temp.resolve("outside.yml"), "secret: 1\n");
        config.write("config.yml", "general: {}", "llms:   !include ../outside.yml");

        assertThat(config.error("config.yml")).isEqualTo("config.yml:2:9: include '../outside.yml'"
                + outsideRoot);
    }

    @Test
    void includeByAbsolutePathOutsideTheConfigDirectory() throws Exception {
        configIn("project");
        config.write("config.yml", "llms: !include /etc/passwd");

        assertThat(config.error("config.yml")).isEqualTo("config.yml:1:7: include '/etc/passwd'" + outsideRoot);
    }

    @Test
    void includeThroughASymlinkThatLeavesTheConfigDirectory() throws Exception {
        configIn("project");
        Path outside = Files.writeString(temp.resolve("outside.yml"), "secret: 1\n");
        Files.createSymbolicLink(config.path("innocent.yml"), outside);
        config.write("config.yml", "llms: !include innocent.yml");

        assertThat(config.error("config.yml")).isEqualTo("config.yml:1:7: include 'innocent.yml' resolves to "
                + outside.toRealPath() + ", which" + outsideRoot);
    }

    @Test
    void includeThroughASymlinkedDirectoryThatLeavesTheConfigDirectory() throws Exception {
        configIn("project");
        Files.createDirectories(temp.resolve("elsewhere"));
        Files.writeString(temp.resolve("elsewhere/llms.yml"), "nim: {}\n");
        Files.createSymbolicLink(config.path("shared"), temp.resolve("elsewhere"));
        config.write("config.yml", "llms: !include shared/llms.yml");

        assertThat(config.error("config.yml")).isEqualTo("config.yml:1:7: include 'shared/llms.yml' resolves to "
                + temp.resolve("elsewhere/llms.yml").toRealPath() + ", which" + outsideRoot);
    }

    @Test
    void aFileThatIncludesItself() throws Exception {
        configIn("project");
        config.write("config.yml", "llms: !include config.yml");

        assertThat(config.error("config.yml")).isEqualTo("config.yml:1:7: include cycle: config.yml -> config.yml");
    }

    @Test
    void twoFilesThatIncludeEachOther() throws Exception {
        configIn("project");
        config.write("config.yml", "llms: !include a.yml");
        config.write("a.yml", "nim: !include b.yml");
        config.write("b.yml", "again: !include a.yml");

        assertThat(config.error("config.yml")).isEqualTo("b.yml:1:8: include cycle: a.yml -> b.yml -> a.yml");
    }

    @Test
    void seventeenNestedIncludesAreTooDeepAndSixteenAreFine() throws Exception {
        configIn("project");
        config.write("config.yml", "next: !include f1.yml");
        for (int i = 1; i <= 16; i++) {
            config.write("f" + i + ".yml", "next: !include f" + (i + 1) + ".yml");
        }
        config.write("f17.yml", "end: true");

        assertThat(config.error("config.yml"))
                .isEqualTo("f16.yml:1:7: includes and bases are nested more than 16 levels deep");

        config.write("f16.yml", "end: true");
        assertThat(config.read("config.yml").files()).hasSize(17);
    }

    @Test
    void includeTakesAFileNameNotAMap() throws Exception {
        configIn("project");
        config.write("config.yml", "llms: !include {file: llms.yml}");

        assertThat(config.error("config.yml")).isEqualTo("config.yml:1:7: !include takes a file name, not a map");
    }

    @Test
    void includeWithoutAFileName() throws Exception {
        configIn("project");
        config.write("config.yml", "llms: !include \"\"");

        assertThat(config.error("config.yml")).isEqualTo("config.yml:1:7: !include needs a file name");
    }

    @Test
    void includeOfADirectory() throws Exception {
        configIn("project");
        Files.createDirectories(config.path("llms"));
        config.write("config.yml", "llms: !include llms");

        assertThat(config.error("config.yml")).isEqualTo("config.yml:1:7: included file 'llms' is a directory, not a file");
    }

    @Test
    void errorsInsideAnIncludedFileArePositionedInThatFile() throws Exception {
        configIn("project");
        config.write("config.yml", "llms: !include llms/nim.yml", "workflow: !include flow.yml");
        config.write("llms/nim.yml", "nim:", "  temperature: 0.7", "  temperature: 0.9");
        config.write("flow.yml", "_type: [react");

        assertThat(config.errors("config.yml")).containsExactly(
                "llms/nim.yml:3:3: duplicate key 'temperature'",
                "flow.yml:2:1: expected ',' or ']' in the list opened at line 1, column 8");
    }

    @Test
    void baseThatPointsBackToTheRoot() throws Exception {
        configIn("project");
        config.write("config.yml", "base: parent.yml", "llms: {}");
        config.write("parent.yml", "base: config.yml");

        assertThat(config.error("config.yml")).isEqualTo("parent.yml:1:7: base cycle: config.yml -> parent.yml -> config.yml");
    }

    @Test
    void baseThatIsNotAString() throws Exception {
        configIn("project");
        config.write("config.yml", "base: [a.yml, b.yml]", "llms: {}");

        assertThat(config.error("config.yml")).isEqualTo("config.yml:1:7: 'base' must be a file name, not a list");
    }

    @Test
    void baseThatIsANumber() throws Exception {
        configIn("project");
        config.write("config.yml", "base: 42");

        assertThat(config.error("config.yml")).isEqualTo("config.yml:1:7: 'base' must be a file name, not a number (42)");
    }

    @Test
    void baseThatDoesNotExist() throws Exception {
        configIn("project");
        config.write("config.yml", "base: base-config.yml");

        assertThat(config.error("config.yml")).isEqualTo("config.yml:1:7: base file 'base-config.yml' does not exist");
    }

    @Test
    void baseWhoseTopLevelIsAList() throws Exception {
        configIn("project");
        config.write("config.yml", "base: parent.yml");
        config.write("parent.yml", "- llms");

        assertThat(config.error("config.yml")).isEqualTo("parent.yml:1:1: the top level of a config must be a map, not a list");
    }

    @Test
    void fileReferenceToAMissingFile() throws Exception {
        configIn("project");
        config.write("config.yml", "workflow:", "  system_prompt: file://prompts/system.txt");

        assertThat(config.error("config.yml"))
                .isEqualTo("config.yml:2:18: referenced file 'prompts/system.txt' does not exist");
    }

    @Test
    void fileReferenceOutsideTheConfigDirectory() throws Exception {
        configIn("project");
        Files.writeString(temp.resolve("secret.txt"), "s3cret");
        config.write("config.yml", "workflow:", "  system_prompt: \"file://../secret.txt\"");

        assertThat(config.error("config.yml"))
                .isEqualTo("config.yml:2:18: 'file://../secret.txt'" + outsideRoot);
    }

    @Test
    void fileReferenceToAFileThatIsNotAPromptIsRefusedBeforeItIsOpened() throws Exception {
        configIn("project");
        config.write("config.yml", "workflow:", "  system_prompt: file://prompt.bin");
        config.writeBytes("prompt.bin", new byte[] {'h', 'i', 0, '\n'});

        assertThat(config.error("config.yml")).isEqualTo("config.yml:2:18: 'file://prompt.bin' is not a prompt file"
                + " ('.bin'): file:// reads only .j2, .jinja, .jinja2, .md, .prompt, .template, .tpl, .txt");
    }

    @Test
    void aPromptFileIsReadAsPythonReadsTextControlCharactersIncludedButNotInvalidUtf8() throws Exception {
        configIn("project");
        config.write("config.yml", "workflow:", "  system_prompt: file://prompt.txt", "  bad_prompt: file://bad.md");
        config.writeBytes("prompt.txt", new byte[] {'h', 'i', 0, '\r', '\n', 'x', '\r'});
        config.writeBytes("bad.md", new byte[] {'h', (byte) 0xff});

        assertThat(config.error("config.yml")).startsWith("bad.md:1:2: not valid UTF-8");
        config.write("config.yml", "workflow:", "  system_prompt: file://prompt.txt");
        assertThat(at(config.read("config.yml").tree(), "workflow", "system_prompt")).isEqualTo("hi\0\nx\n");
    }
}
