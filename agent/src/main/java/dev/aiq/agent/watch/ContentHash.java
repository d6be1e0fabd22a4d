package dev.aiq.agent.watch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The SHA-256 of a file's content, read as a stream, that decides whether a watched file really changed. Internal.
 */
final class ContentHash {

    /** Beyond this many bytes a file is not read: no config is that big, and a growing file must not stall us. */
    static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    private ContentHash() {
    }

    /**
     * Returns the lowercase hex SHA-256 of the file's content, following links; empty when the file is not a readable
     * regular file (missing, a directory, a dangling link, a device such as {@code /dev/zero}). A file bigger than
     * {@code maxBytes} gets a synthetic value from its size and modification time instead, which still changes when
     * the file is rewritten; reading it is left to the reader, which will report it.
     *
     * @throws IOException when reading failed although the file is still a readable regular file, for example while
     *                     it is being replaced: worth one more try
     */
    static Optional<String> of(Path file, long maxBytes) throws IOException {
        try {
            // Only regular files: reading a device or a FIFO behind a link would never end or never start.
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            if (Files.size(file) > maxBytes) {
                return Optional.of(oversize(file));
            }
            MessageDigest digest = sha256();
            long total = 0;
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                    total += n;
                    if (total > maxBytes) {
                        return Optional.of(oversize(file));
                    }
                    digest.update(buffer, 0, n);
                }
            }
            return Optional.of(HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String oversize(Path file) throws IOException {
        return "oversize:" + Files.size(file) + ":" + Files.getLastModifiedTime(file);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
