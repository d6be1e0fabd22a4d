package dev.aiq.agent.watch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a file holds, read once: missing (or not a readable regular file), empty, or content with its SHA-256 and
 * the bytes themselves. The watcher reads a changed file into one, and the reload engine hashes and parses those
 * very bytes, so a save is read and hashed once, not once per stage. Internal.
 *
 * @param file    the path as watched
 * @param real    the file it resolved to when read (symbolic links followed), or {@code file} when missing
 * @param kind    what was found
 * @param sha256  lowercase hex SHA-256 of the content (a synthetic value for a file too big to keep); null unless
 *                {@link Kind#CONTENT}
 * @param content the bytes, or null when not kept (missing, empty, too big): never modified by anyone
 */
public record FileState(Path file, Path real, Kind kind, String sha256, byte[] content) {

    /** What a file holds. */
    public enum Kind {
        /** Gone, not a regular file (a directory, a FIFO, a device, a dangling link) or unreadable. */
        MISSING,
        /** A regular file with no bytes: an in-place save between truncate and write looks like that. */
        EMPTY,
        /** Bytes. */
        CONTENT
    }

    /** Beyond this many bytes a file is not read: no config is that big, and a growing file must not stall us. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    /** Reads {@code file} with {@link #MAX_BYTES}. */
    public static FileState read(Path file) throws IOException {
        return read(file, MAX_BYTES);
    }

    /**
     * Reads {@code file}, following links; only regular files are opened (reading a device or a FIFO behind a link
     * would never end or never start). A file bigger than {@code maxBytes} gets a synthetic hash from its size and
     * modification time, which still changes when it is rewritten, and no bytes.
     *
     * @throws IOException when reading failed although the file is still a readable regular file, for example while
     *                     it is being replaced: worth one more try
     */
    public static FileState read(Path file, long maxBytes) throws IOException {
        try {
            if (!Files.isRegularFile(file)) {
                return missing(file);
            }
            Path real = file.toRealPath();
            long size = Files.size(real);
            if (size > maxBytes) {
                return new FileState(file, real, Kind.CONTENT, oversize(real), null);
            }
            byte[] bytes;
            try (InputStream in = Files.newInputStream(real)) {
                bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            }
            if (bytes.length > maxBytes) {
                return new FileState(file, real, Kind.CONTENT, oversize(real), null);
            }
            if (bytes.length == 0) {
                return new FileState(file, real, Kind.EMPTY, null, null);
            }
            return new FileState(file, real, Kind.CONTENT, sha256(bytes), bytes);
        } catch (IOException e) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                return missing(file);
            }
            throw e;
        }
    }

    /** Reads {@code file}; a failed read counts as missing (the watcher's next check says more). */
    public static FileState readQuietly(Path file) {
        try {
            return read(file);
        } catch (IOException | RuntimeException e) {
            return missing(file);
        }
    }

    /**
     * What {@code file} would be if it held {@code bytes} (an edit not saved yet, validated as if it were): kept bytes
     * and their hash, nothing read from disk but where a link points.
     */
    public static FileState holding(Path file, byte[] bytes) {
        Path real;
        try {
            real = Files.exists(file) ? file.toRealPath() : file;
        } catch (IOException e) {
            real = file;
        }
        return new FileState(file, real, Kind.CONTENT, sha256(bytes), bytes.clone());
    }

    /** A missing file. */
    public static FileState missing(Path file) {
        return new FileState(file, file, Kind.MISSING, null, null);
    }

    /** Whether the file has bytes. */
    public boolean hasContent() {
        return kind == Kind.CONTENT;
    }

    /** One word for fingerprints: the hash, or what the file is instead. */
    public String token() {
        return kind == Kind.CONTENT ? sha256 : kind.name();
    }

    private static String oversize(Path file) throws IOException {
        return "oversize:" + Files.size(file) + ":" + Files.getLastModifiedTime(file);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
