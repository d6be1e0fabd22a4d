package dev.aiq.sample.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDirTest {

    @TempDir
    Path temp;

    private ConfigDir dir;

    @BeforeEach
    void createDir() {
        dir = ConfigDir.in(temp);
        dir.writeInPlace("config.yml", "v: 1\n");
    }

    @Test
    void writeInPlaceKeepsTheFile() throws IOException {
        Object inode = Files.getAttribute(dir.file("config.yml"), "unix:ino");

        dir.writeInPlace("config.yml", "v: 2\n");

        assertThat(dir.read("config.yml")).isEqualTo("v: 2\n");
        assertThat(Files.getAttribute(dir.file("config.yml"), "unix:ino")).isEqualTo(inode);
    }

    @Test
    void everyReplacingWriterLeavesOnlyTheNewFile() throws IOException {
        dir.writeAtomically("config.yml", "v: 2\n");
        assertThat(dir.read("config.yml")).isEqualTo("v: 2\n");
        dir.writeLikeVim("config.yml", "v: 3\n");
        assertThat(dir.read("config.yml")).isEqualTo("v: 3\n");
        dir.writeLikeJetBrains("config.yml", "v: 4\n");
        assertThat(dir.read("config.yml")).isEqualTo("v: 4\n");
        dir.deleteAndRecreate("config.yml", "v: 5\n");
        assertThat(dir.read("config.yml")).isEqualTo("v: 5\n");

        assertThat(names(temp)).containsExactly("config.yml");
    }

    @Test
    void kubernetesSwapReplacesTheDataLinkAndTheTimestampedDirectory() throws IOException {
        dir.kubernetesSwap("app.yml", "v: 1\n");
        dir.kubernetesSwap("base.yml", "b: 1\n");
        Path before = Files.readSymbolicLink(dir.file("..data"));

        dir.kubernetesSwap("app.yml", "v: 2\n");

        assertThat(dir.read("app.yml")).isEqualTo("v: 2\n");
        assertThat(dir.read("base.yml")).isEqualTo("b: 1\n");
        assertThat(Files.readSymbolicLink(dir.file("app.yml"))).isEqualTo(Path.of("..data", "app.yml"));
        assertThat(Files.readSymbolicLink(dir.file("..data"))).isNotEqualTo(before);
        assertThat(names(temp)).hasSize(5).contains("..data", "app.yml", "base.yml", "config.yml")
                .noneMatch(name -> name.equals("..data_tmp") || name.equals(before.toString()));
    }

    private static Stream<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList().stream();
        }
    }
}
