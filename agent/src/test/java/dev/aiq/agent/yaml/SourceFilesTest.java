package dev.aiq.agent.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reading takes the bytes of every file it opens from the {@link SourceFiles} it is given, not from the disk. */
class SourceFilesTest {

    @TempDir
    Path dir;

    @Test
    void everyFileTheReadingOpensComesFromTheGivenSource() throws Exception {
        ConfigDir config = new ConfigDir(dir);
        config.write("config.yml", "on disk: true");
        config.write("base.yml", "on disk: true");
        config.write("llms.yml", "on disk: true");
        config.write("prompt.txt", "on disk");
        Map<String, String> given = Map.of(
                "config.yml", "base: base.yml\nllms: !include llms.yml\nprompt: file://prompt.txt\n",
                "base.yml", "from_base: 1\n",
                "llms.yml", "nim: {temperature: 0.5}\n",
                "prompt.txt", "given prompt");
        List<Path> asked = new ArrayList<>();
        SourceFiles files = file -> {
            asked.add(file);
            return given.get(file.getFileName().toString()).getBytes(StandardCharsets.UTF_8);
        };

        ReadResult result = new YamlReader(Map.of()).read(config.path("config.yml"), files);

        assertThat(result.tree()).containsExactly(
                Map.entry("from_base", 1),
                Map.entry("llms", Map.of("nim", Map.of("temperature", 0.5))),
                Map.entry("prompt", "given prompt"));
        assertThat(asked).containsExactlyInAnyOrderElementsOf(result.files()).containsExactlyInAnyOrder(
                config.path("config.yml"), config.path("base.yml"), config.path("llms.yml"), config.path("prompt.txt"));
        assertThat(result.sources().get(config.path("config.yml"))).startsWith("base: base.yml");
    }

    @Test
    void aSourceThatCannotReadIsAnErrorOfThatFileInOneLine() throws Exception {
        ConfigDir config = new ConfigDir(dir);
        config.write("config.yml", "a: 1");
        SourceFiles failing = file -> {
            throw new IOException("gone\nwith a second line");
        };

        ConfigException failure = catchThrowableOfType(ConfigException.class,
                () -> new YamlReader(Map.of()).read(config.path("config.yml"), failing));

        assertThat(failure.errors()).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo(config.path("config.yml"));
            assertThat(error.message()).startsWith("cannot be read").doesNotContain("\n");
        });
    }

    @Test
    void theDiskReadIsTheDefault() throws Exception {
        ConfigDir config = new ConfigDir(dir);
        Files.writeString(config.path("config.yml"), "a: 1\n");

        assertThat(new YamlReader(Map.of()).read(config.path("config.yml")).tree()).containsEntry("a", 1);
    }
}
