package dev.aiq.agent.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One source file of a config as the page edits it: read with its hash, saved only over the content the page loaded.
 * The server runs as the same user as the target, so it reads and writes the files itself; the agent's watcher then
 * applies a save as it would an editor's. Internal.
 *
 * @param path   the file, as the target's status names it
 * @param text   its content (UTF-8)
 * @param sha256 the hash of its bytes: what a save must still find on disk
 */
record SourceFile(Path path, String text, String sha256) {

    /** Beyond this a file is not shown: no config is that big, and the page would choke on it. */
    static final long MAX_BYTES = 4L << 20;

    /** A save that found other content on disk than what the page loaded. */
    static final class Conflict extends Exception {

        private static final long serialVersionUID = 1L;

        Conflict(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads {@code path}. */
    static SourceFile read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException(path + " is not a regular file");
        }
        if (Files.size(path) > MAX_BYTES) {
            throw new IOException(path + " is larger than " + (MAX_BYTES >> 20) + " MB");
        }
        byte[] bytes = Files.readAllBytes(path);
        return new SourceFile(path, new String(bytes, StandardCharsets.UTF_8), sha256(bytes));
    }

    /**
     * Writes {@code text} to {@code path} through a temporary file and an atomic rename in the same directory (a
     * linked file is replaced where the link points), unless the file no longer holds {@code expectedSha256}.
     *
     * @return the file as saved
     * @throws Conflict when the file changed on disk since the page loaded it (or was removed)
     */
    static SourceFile save(Path path, String text, String expectedSha256) throws IOException, Conflict {
        Path target = Files.exists(path) ? path.toRealPath() : path;
        String onDisk = Files.isRegularFile(target) ? sha256(Files.readAllBytes(target)) : null;
        if (onDisk == null || !onDisk.equals(expectedSha256)) {
            throw new Conflict(path + (onDisk == null ? " is gone" : " changed on disk since it was loaded")
                    + "; reload it to see what it holds now");
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".aiq-dev-save");
        try {
            Files.write(temp, bytes);
            keepPermissions(target, temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return new SourceFile(path, text, sha256(bytes));
    }

    private static void keepPermissions(Path original, Path replacement) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(original, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view != null) {
            Files.setPosixFilePermissions(replacement, view.readAttributes().permissions());
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
