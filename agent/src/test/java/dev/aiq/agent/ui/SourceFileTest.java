package dev.aiq.agent.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving from the page: only over what was loaded, through a rename in the same directory, keeping what it was. */
class SourceFileTest {

    @TempDir
    Path dir;

    @Test
    void aSaveOverWhatWasLoadedReplacesTheFileAndLeavesNoTemporaryFile() throws Exception {
        Path file = Files.writeString(dir.resolve("config.yml"), "a: 1\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        SourceFile loaded = SourceFile.read(file);

        SourceFile saved = SourceFile.save(file, "a: 2\n", loaded.sha256());

        assertThat(Files.readString(file)).isEqualTo("a: 2\n");
        assertThat(saved.sha256()).isEqualTo(SourceFile.read(file).sha256()).isNotEqualTo(loaded.sha256());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aFileChangedOnDiskSinceItWasLoadedIsNotOverwritten() throws Exception {
        Path file = Files.writeString(dir.resolve("config.yml"), "a: 1\n");
        SourceFile loaded = SourceFile.read(file);
        Files.writeString(file, "a: 3\n");

        assertThatThrownBy(() -> SourceFile.save(file, "a: 2\n", loaded.sha256()))
                .isInstanceOf(SourceFile.Conflict.class).hasMessageContaining("changed on disk since it was loaded");
        assertThat(Files.readString(file)).isEqualTo("a: 3\n");
    }

    @Test
    void aLinkedFileIsSavedWhereTheLinkPointsAndTheLinkStays() throws Exception {
        Path real = Files.writeString(dir.resolve("real.yml"), "a: 1\n");
        Path link = Files.createSymbolicLink(dir.resolve("config.yml"), real.getFileName());

        SourceFile.save(link, "a: 2\n", SourceFile.read(link).sha256());

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("a: 2\n");
    }
}
