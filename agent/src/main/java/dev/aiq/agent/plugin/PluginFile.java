package dev.aiq.agent.plugin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * One jar or class directory of a plugins location, as read at one moment. Internal.
 *
 * @param path      absolute
 * @param sha256    of the jar's bytes; of a class directory, of each file's relative name and bytes in name order
 * @param version   the jar manifest's {@code Implementation-Version}, or null
 * @param directory whether it is a class directory
 */
record PluginFile(Path path, String sha256, String version, boolean directory) {

    /**
     * Reads {@code path}, a jar or a class directory, and puts the exact bytes it hashed into {@code bytes}: a jar's
     * under its file name, a class directory's files under their names relative to it ({@code /}-separated). A set is
     * built from those bytes, never from the file again, so what was hashed is what runs.
     */
    static PluginFile read(Path path, Map<String, byte[]> bytes) throws IOException {
        MessageDigest digest = newDigest();
        if (Files.isDirectory(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String relative = path.relativize(file).toString();
                    byte[] content = Files.readAllBytes(file);
                    digest.update(relative.getBytes(StandardCharsets.UTF_8));
                    digest.update(content);
                    bytes.put(relative.replace(path.getFileSystem().getSeparator(), "/"), content);
                }
            }
            return new PluginFile(path, HexFormat.of().formatHex(digest.digest()), null, true);
        }
        byte[] content = Files.readAllBytes(path);
        digest.update(content);
        bytes.put(path.getFileName().toString(), content);
        return new PluginFile(path, HexFormat.of().formatHex(digest.digest()), versionOf(content), false);
    }

    /** What the jar or class directory at {@code at} lists in its {@code META-INF/services} file for {@code service}. */
    List<String> listedIn(Path at, String service) {
        String entry = "META-INF/services/" + service;
        try {
            if (directory) {
                Path file = at.resolve(entry);
                return Files.isRegularFile(file) ? names(Files.readString(file)) : List.of();
            }
            try (JarFile jar = new JarFile(at.toFile())) {
                var e = jar.getEntry(entry);
                if (e == null) {
                    return List.of();
                }
                try (InputStream in = jar.getInputStream(e)) {
                    return names(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return List.of();
        }
    }

    /** The file's name, as console lines show it. */
    String name() {
        return path.getFileName().toString();
    }

    private static List<String> names(String text) {
        return text.lines().map(line -> line.replaceAll("#.*", "").strip()).filter(line -> !line.isEmpty()).toList();
    }

    private static String versionOf(byte[] jar) {
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest manifest = in.getManifest();
            return manifest == null ? null : manifest.getMainAttributes().getValue("Implementation-Version");
        } catch (IOException | RuntimeException notAJar) {
            return null;   // the build says why
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
