package dev.aiq.agent.watch;

import static dev.aiq.agent.watch.WatcherUnderTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guards the content hash that decides whether a watched file changed, and what it refuses to read. */
class FileStateTest {

    private static final long NO_CAP = FileState.MAX_BYTES;

    @TempDir
    Path dir;

    @Test
    void isTheSha256OfTheContent() throws Exception {
        Path config = write(dir.resolve("config.yml"), "a: 1\n");
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest("a: 1\n".getBytes(StandardCharsets.UTF_8));

        assertThat(hashOf(config, NO_CAP)).hasValue(HexFormat.of().formatHex(sha256));
    }

    @Test
    void aFileBiggerThanSixteenMegabytesIsHashedAsAStream() throws Exception {
        byte[] block = new byte[1024 * 1024];
        Arrays.fill(block, (byte) 'x');
        Path big = dir.resolve("big.yml");
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int i = 0; i < 20; i++) {
                out.write(block);
                expected.update(block);
            }
        }

        assertThat(hashOf(big, NO_CAP)).hasValue(HexFormat.of().formatHex(expected.digest()));
    }

    @Test
    void aFileOverTheCapGetsASyntheticValueThatChangesWithTheFile() throws Exception {
        Path huge = write(dir.resolve("huge.yml"), "x".repeat(2048));
        String first = hashOf(huge, 1024).orElseThrow();

        write(huge, "y".repeat(4096));

        assertThat(first).startsWith("oversize:");
        assertThat(hashOf(huge, 1024)).hasValueSatisfying(next -> assertThat(next).isNotEqualTo(first));
    }

    @Test
    void whatIsNotARegularFileHasNoContent() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("config.yml"));
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.yml"), dir.resolve("nowhere.yml"));

        assertThat(hashOf(directory, NO_CAP)).isEmpty();
        assertThat(hashOf(dangling, NO_CAP)).isEmpty();
        assertThat(hashOf(dir.resolve("absent.yml"), NO_CAP)).isEmpty();
    }

    @Test
    void aLinkToDevZeroIsNotRead() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "needs /dev/zero");
        Path link = Files.createSymbolicLink(dir.resolve("config.yml"), Path.of("/dev/zero"));

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThat(hashOf(link, NO_CAP)).isEmpty());
        Files.delete(link); // spares JUnit's warning about a link leaving the temp dir
    }

    /** The content's hash, or nothing for a file that is not a readable regular file with bytes. */
    private static java.util.Optional<String> hashOf(java.nio.file.Path file, long maxBytes) throws java.io.IOException {
        FileState state = FileState.read(file, maxBytes);
        return state.hasContent() ? java.util.Optional.of(state.sha256()) : java.util.Optional.empty();
    }

    @Test
    void keepsTheBytesItHashedAndTellsAnEmptyFileFromAMissingOne() throws Exception {
        java.nio.file.Path config = dir.resolve("kept.yml");
        java.nio.file.Files.writeString(config, "a: 1\n");
        FileState state = FileState.read(config);
        assertThat(state.kind()).isEqualTo(FileState.Kind.CONTENT);
        assertThat(new String(state.content(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("a: 1\n");
        assertThat(state.real()).isEqualTo(config.toRealPath());
        java.nio.file.Files.writeString(config, "");
        assertThat(FileState.read(config).kind()).isEqualTo(FileState.Kind.EMPTY);
        assertThat(FileState.read(dir.resolve("absent.yml")).kind()).isEqualTo(FileState.Kind.MISSING);
    }
}
