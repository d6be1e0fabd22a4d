package dev.aiq.agent.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory laid out and updated the way the kubelet mounts a Kubernetes ConfigMap: the file is a link
 * {@code config.yml -> ..data/config.yml}, {@code ..data} is a link to a timestamped directory, and an update writes
 * a new timestamped directory, renames a new {@code ..data_tmp} link over {@code ..data} and deletes the old
 * directory: no event ever names {@code config.yml}.
 */
final class ConfigMapVolume {

    private final Path root;
    private final String fileName;
    private int version;

    private ConfigMapVolume(Path root, String fileName) {
        this.root = root;
        this.fileName = fileName;
    }

    /** Mounts a volume in {@code root} holding one key, {@code fileName}, with {@code content}. */
    static ConfigMapVolume mount(Path root, String fileName, String content) throws IOException {
        ConfigMapVolume volume = new ConfigMapVolume(Files.createDirectories(root), fileName);
        Path first = volume.writeVersion(content);
        Files.createSymbolicLink(root.resolve("..data"), first.getFileName());
        Files.createSymbolicLink(root.resolve(fileName), Path.of("..data", fileName));
        return volume;
    }

    /** The file as the application names it: {@code <root>/config.yml}. */
    Path file() {
        return root.resolve(fileName);
    }

    /** The timestamped directory {@code ..data} points to now. */
    Path currentVersion() throws IOException {
        return root.resolve(Files.readSymbolicLink(root.resolve("..data")));
    }

    /** Publishes new content with the kubelet's atomic swap. */
    void update(String content) throws IOException {
        Path previous = currentVersion();
        Path next = writeVersion(content);
        Path temp = Files.createSymbolicLink(root.resolve("..data_tmp"), next.getFileName());
        Files.move(temp, root.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
        deleteTree(previous);
    }

    private Path writeVersion(String content) throws IOException {
        version++;
        Path directory = Files.createDirectory(root.resolve("..2026_11_27_21_52_0" + version + ".12345" + version));
        Files.writeString(directory.resolve(fileName), content);
        return directory;
    }

    static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
