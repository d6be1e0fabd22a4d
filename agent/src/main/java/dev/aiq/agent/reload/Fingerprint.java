package dev.aiq.agent.reload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;

/**
 * A SHA-256 of the raw bytes of some files, computed without parsing: identifies content the engine already
 * rejected, so the same bad content is never parsed twice. Internal.
 */
final class Fingerprint {

    private static final long MAX_BYTES = 64L << 20;

    private Fingerprint() {
    }

    /** One hash for two: the reader's hash and the fingerprint of the files only the app reads. */
    static String combine(String first, String second) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(String.valueOf(first).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(second.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String of(Collection<Path> files) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[8192];
        for (Path file : files) {
            sha.update(file.toString().getBytes(StandardCharsets.UTF_8));
            if (!Files.isRegularFile(file)) {
                sha.update((byte) 1);
                continue;
            }
            try (InputStream in = Files.newInputStream(file)) {
                long total = 0;
                for (int n; (n = in.read(buffer)) > 0 && total < MAX_BYTES; total += n) {
                    sha.update(buffer, 0, n);
                }
            } catch (IOException e) {
                sha.update(String.valueOf(e).getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
