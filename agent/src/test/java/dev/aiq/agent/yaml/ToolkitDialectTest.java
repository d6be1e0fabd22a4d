package dev.aiq.agent.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The YAML the toolkit's parser (PyYAML) accepts and SnakeYAML 2.x does not, or the other way round; what stays of
 * ours (duplicate keys refused, limits); and every message on one short line.
 */
class ToolkitDialectTest {

    @TempDir
    Path dir;

    @Test
    void jsonEscapedSlashesAndAnEscapedTabReadAsInPyYaml() throws Exception {
        ConfigDir config = new ConfigDir(dir);
        config.write("config.yml", "url: \"https:\\/\\/example.com\\/v1\"", "tab: \"a\\\tb\"");

        assertThat(config.read("config.yml").tree()).containsEntry("url", "https://example.com/v1")
                .containsEntry("tab", "a\tb");
    }

    @Test
    void aDirectiveWithNoDocumentIsRefusedAndWithADocumentIsRead() throws Exception {
        ConfigDir config = new ConfigDir(dir);
        config.write("alone.yml", "# a config", "%YAML 1.2");
        config.write("tag.yml", "%TAG !e! tag:example.com,2000:");
        config.write("with_document.yml", "%YAML 1.1", "---", "a: 1");

        assertThat(config.error("alone.yml")).isEqualTo(
                "alone.yml:2:1: a '%YAML' directive must be followed by '---' and a document");
        assertThat(config.error("tag.yml")).isEqualTo(
                "tag.yml:1:1: a '%TAG' directive must be followed by '---' and a document");
        assertThat(config.read("with_document.yml").tree()).isEqualTo(Map.of("a", 1));
    }

    @Test
    void duplicateKeysStayRefusedEvenWhenAnExpansionMakesThem() {
        ConfigDir config = new ConfigDir(dir, Map.of("NAME", "nim"));
        config.write("config.yml", "llms:", "  nim: {}", "  ${NAME}: {}");

        assertThat(config.error("config.yml")).isEqualTo("config.yml:3:3: duplicate key 'nim'");
    }

    @Test
    void aMultiLineValueInAMessageIsEscapedOntoOneLine() {
        ConfigDir config = new ConfigDir(dir);
        config.write("config.yml", "base: \"missing\\nsecond line\\u001b[31m.yml\"");

        assertThat(config.error("config.yml")).isEqualTo(
                "config.yml:1:7: base file 'missing\\nsecond line\\u001b[31m.yml' does not exist");
    }

    @Test
    void aHundredKilobyteValueInAMessageIsCut() {
        char[] long_ = new char[100 * 1024];
        Arrays.fill(long_, 'x');
        ConfigDir config = new ConfigDir(dir);
        config.write("config.yml", "workflow:", "  <<: \"" + new String(long_) + "\"", "  base: x");
        config.write("base.yml", "base: " + new String(long_) + ".yml");
        config.write("root.yml", "base: base.yml");

        assertThat(config.error("config.yml")).isEqualTo("config.yml:2:3: '<<' merges maps only, not a string ('"
                + "x".repeat(60) + "…' (102400 characters))");
        assertThat(config.error("root.yml")).isEqualTo("base.yml:1:7: base file '" + "x".repeat(60)
                + "…' (102404 characters) cannot be read: File name too long");
    }

    @Test
    void anAliasBombOfLongStringsIsRefusedInOneLine() {
        String megabyte = "y".repeat(1024 * 1024);
        StringBuilder yaml = new StringBuilder("long: &s \"" + megabyte + "\"\ncopies:\n");
        for (int i = 0; i < 40; i++) {
            yaml.append("  - *s\n");
        }
        ConfigDir config = new ConfigDir(dir);
        config.write("config.yml", yaml.toString());

        assertThat(config.error("config.yml")).isEqualTo("config.yml: the config expands to more than 16 M characters"
                + " of text through aliases or repeated includes; refused as an alias bomb");
    }

    @Test
    void aFewAliasesOfALongStringAreFine() throws Exception {
        ConfigDir config = new ConfigDir(dir, new YamlReader(Map.of(), new Limits(3L << 20, 50, 50, 16, 1_000, 100)));
        config.write("config.yml", "a: &s \"" + "z".repeat(30) + "\"", "b: *s", "c: *s");
        config.write("bomb.yml", "a: &s \"" + "z".repeat(30) + "\"", "b: *s", "c: *s", "d: *s");

        assertThat(config.read("config.yml").tree()).hasSize(3);
        assertThat(config.error("bomb.yml")).contains("more than 100 characters of text");
    }
}
