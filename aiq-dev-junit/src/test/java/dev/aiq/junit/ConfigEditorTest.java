package dev.aiq.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConfigEditorTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(SaveStyle.class)
    void everyStyleLeavesTheNewContentAndNoLitter(SaveStyle style) throws IOException {
        ConfigEditor editor = ConfigEditor.in(temp.resolve("app"));
        boolean link = style == SaveStyle.SYMLINK_SWAP || style == SaveStyle.KUBERNETES_CONFIGMAP;
        editor.write(link ? style : SaveStyle.IN_PLACE, "config.yml", "a: 1\n");

        Path written = editor.write(style, "config.yml", "a: 2\n");

        assertThat(written).isEqualTo(editor.file("config.yml"));
        assertThat(editor.read("config.yml")).isEqualTo("a: 2\n");
        try (Stream<Path> files = Files.list(editor.dir())) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .allMatch(name -> name.equals("config.yml") || name.startsWith("."));
        }
    }

    @Test
    void aSymlinkSwapPointsTheLinkAtANewFileAndDeletesTheOldOne() throws IOException {
        ConfigEditor editor = ConfigEditor.in(temp);
        editor.symlinkSwap("config.yml", "a: 1\n");
        Path first = temp.resolve(Files.readSymbolicLink(editor.file("config.yml")));

        editor.symlinkSwap("config.yml", "a: 2\n");

        assertThat(Files.isSymbolicLink(editor.file("config.yml"))).isTrue();
        assertThat(temp.resolve(Files.readSymbolicLink(editor.file("config.yml")))).isNotEqualTo(first);
        assertThat(first).doesNotExist();
    }

    @Test
    void aConfigMapUpdateSwapsDataAndKeepsTheOtherFiles() throws IOException {
        ConfigEditor editor = ConfigEditor.in(temp);
        editor.kubernetesSwap("tools.yml", "t: 1\n");
        editor.kubernetesSwap("config.yml", "a: 1\n");

        editor.kubernetesSwap("config.yml", "a: 2\n");

        assertThat(Files.readSymbolicLink(editor.file("config.yml"))).isEqualTo(Path.of("..data", "config.yml"));
        assertThat(editor.read("config.yml")).isEqualTo("a: 2\n");
        assertThat(editor.read("tools.yml")).isEqualTo("t: 1\n");
        try (Stream<Path> stamped = Files.list(temp)) {
            assertThat(stamped.filter(path -> path.getFileName().toString().matches("\\.\\.\\d.*"))).hasSize(1);
        }
    }

    @Test
    void deleteTreeRemovesALinkNotItsTarget() throws IOException {
        Path target = Files.writeString(temp.resolve("target.yml"), "a: 1\n");
        Path link = Files.createSymbolicLink(temp.resolve("link.yml"), target);

        ConfigEditor.deleteTree(link);
        ConfigEditor.deleteTree(temp.resolve("never-there"));

        assertThat(link).doesNotExist();
        assertThat(target).exists();
    }
}
