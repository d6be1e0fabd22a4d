package dev.aiq.agent.reload;

import dev.aiq.agent.watch.FileState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;

/**
 * A SHA-256 over what some files hold (each one's path and content hash, or what it is instead), computed from
 * {@link FileState}s without parsing: identifies content the engine already rejected, so the same bad content is
 * never parsed twice, and the files only the app reads. Internal.
 */
final class Fingerprint {

    private Fingerprint() {
    }

    /** One hash over {@code states}, in their order. */
    static String of(Collection<FileState> states) {
        MessageDigest sha = sha256();
        for (FileState state : states) {
            sha.update(state.file().toString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(state.token().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** One hash for two: the reader's hash and the fingerprint of the files only the app reads. */
    static String combine(String first, String second) {
        MessageDigest sha = sha256();
        sha.update(String.valueOf(first).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(second.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
