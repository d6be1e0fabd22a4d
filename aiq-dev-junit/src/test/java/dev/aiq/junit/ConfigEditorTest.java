package dev.aiq.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    @ParameterizedTest
    @EnumSource(SaveStyle.class)
    void everyStyleWritesBytesAsTheyAre(SaveStyle style) {
        ConfigEditor editor = ConfigEditor.in(temp.resolve("app"));
        boolean link = style == SaveStyle.SYMLINK_SWAP || style == SaveStyle.KUBERNETES_CONFIGMAP;
        editor.write(link ? style : SaveStyle.IN_PLACE, "config.yml", new byte[] {'a', ':', ' ', '1', '\n'});
        // a byte-order mark, then a value cut off inside a two-byte character: no valid UTF-8 text
        byte[] notUtf8 = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ':', ' ', (byte) 0xC3};

        Path written = editor.write(style, "config.yml", notUtf8);

        assertThat(written).isEqualTo(editor.file("config.yml"));
        assertThat(ConfigEditor.unchecked(() -> Files.readAllBytes(written))).containsExactly(notUtf8);
    }

    @Test
    void vimProbesTheDirectoryWith4913BeforeItRenamesTheFile() throws Exception {
        ConfigEditor editor = ConfigEditor.in(temp);
        editor.writeInPlace("config.yml", "a: 1\n");
        List<String> events = new ArrayList<>();
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            // a polling watch service (macOS) lists the directory now and then and never sees a file that came and went
            assumeFalse(watch.getClass().getName().contains("Polling"), "no file-system events here");
            temp.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);

            editor.writeLikeVim("config.yml", "a: 2\n");

            while (!events.contains("ENTRY_DELETE config.yml~")) {
                WatchKey key = watch.poll(60, TimeUnit.SECONDS);
                assertThat(key).as("events so far: " + events).isNotNull();
                for (WatchEvent<?> event : key.pollEvents()) {
                    events.add(event.kind().name() + " " + event.context());
                }
                key.reset();
            }
        }

        assertThat(events).containsSubsequence("ENTRY_CREATE " + ConfigEditor.VIM_PROBE,
                "ENTRY_DELETE " + ConfigEditor.VIM_PROBE, "ENTRY_CREATE config.yml~", "ENTRY_CREATE config.yml",
                "ENTRY_DELETE config.yml~");
        assertThat(editor.read("config.yml")).isEqualTo("a: 2\n");
        assertThat(editor.file(ConfigEditor.VIM_PROBE)).doesNotExist();
    }

    @Test
    void theConfigMapVersionIsTheDirectoryDataPointsToAndMovesOnWithEachUpdate() {
        ConfigEditor editor = ConfigEditor.in(temp.resolve("volume"));
        assertThatIllegalStateException().isThrownBy(editor::configMapVersion).withMessageContaining("..data");
        editor.kubernetesSwap("config.yml", "a: 1\n");
        Path first = editor.configMapVersion();

        editor.kubernetesSwap("config.yml", "a: 2\n");

        Path second = editor.configMapVersion();
        assertThat(second).isNotEqualTo(first).hasParent(editor.dir()).isDirectory();
        assertThat(second.getFileName().toString()).startsWith("..");
        assertThat(second.resolve("config.yml")).hasContent("a: 2");
        assertThat(first).doesNotExist();
    }

    @Test
    void aLinkPointsWhereItWasToldAndRefusesToReplaceAFile() throws IOException {
        ConfigEditor editor = ConfigEditor.in(temp);
        editor.writeInPlace("real.yml", "a: 1\n");

        Path link = editor.link("config.yml", Path.of("real.yml"));
        Path dangling = editor.link("elsewhere.yml", temp.resolve("not-there/config.yml"));

        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("real.yml"));
        assertThat(editor.read("config.yml")).isEqualTo("a: 1\n");
        assertThat(Files.readSymbolicLink(dangling)).isEqualTo(temp.resolve("not-there/config.yml"));
        assertThatThrownBy(() -> editor.link("real.yml", Path.of("config.yml"))).isInstanceOf(UncheckedIOException.class);
        assertThat(Files.isSymbolicLink(editor.file("real.yml"))).isFalse();
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
