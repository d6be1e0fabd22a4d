package dev.aiq.junit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A directory of config files, written the ways editors and deployments write them, so that a test can check that
 * the app sees every one of them: in place, temp file + atomic rename, vim's and JetBrains' safe writes, delete and
 * recreate, a symlink swapped to a new target, and a Kubernetes ConfigMap update ({@code ..data} swap).
 *
 * <pre>{@code
 * ConfigEditor config = ConfigEditor.in(tempDir);
 * Path file = config.writeInPlace("config.yml", yaml);
 * config.writeAtomically("config.yml", edited);
 * }</pre>
 *
 * <p>Every writer takes the content as text (written as UTF-8) or as bytes (written as they are), returns the path of
 * the file written and throws {@link UncheckedIOException} on failure.
 */
public final class ConfigEditor {

    /** The file vim creates and deletes before it writes, to learn whether it may create files in the directory. */
    public static final String VIM_PROBE = "4913";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy_MM_dd_HH_mm_ss");
    private static final String CONFIGMAP_DATA = "..data";

    private final Path dir;
    private final AtomicInteger sequence = new AtomicInteger();

    private ConfigEditor(Path dir) {
        this.dir = dir;
    }

    /** Returns an editor of the directory {@code dir}, created if needed. */
    public static ConfigEditor in(Path dir) {
        try {
            return new ConfigEditor(Files.createDirectories(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the directory. */
    public Path dir() {
        return dir;
    }

    /** Returns the path of {@code name} in this directory (which need not exist). */
    public Path file(String name) {
        return dir.resolve(name);
    }

    /** Returns the content of {@code name}. */
    public String read(String name) {
        return io(() -> Files.readString(file(name)));
    }

    /** Copies the class-path resource {@code resource} (of {@code loader}) here as {@code name}. */
    public Path copyResource(ClassLoader loader, String resource, String name) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no class-path resource " + resource);
            }
            return writeInPlace(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code content} (UTF-8) in the way {@code style} names. */
    public Path write(SaveStyle style, String name, String content) {
        return write(style, name, utf8(content));
    }

    /**
     * Writes {@code content} byte for byte in the way {@code style} names: for files that are not valid UTF-8, a
     * byte-order mark, or a file cut off in the middle of a character.
     */
    public Path write(SaveStyle style, String name, byte[] content) {
        return switch (style) {
            case IN_PLACE -> writeInPlace(name, content);
            case ATOMIC_RENAME -> writeAtomically(name, content);
            case VIM -> writeLikeVim(name, content);
            case JETBRAINS -> writeLikeJetBrains(name, content);
            case DELETE_AND_RECREATE -> deleteAndRecreate(name, content);
            case SYMLINK_SWAP -> symlinkSwap(name, content);
            case KUBERNETES_CONFIGMAP -> kubernetesSwap(name, content);
        };
    }

    /** Truncates and rewrites the file itself, keeping its inode (most editors' "save", {@code echo >}). */
    public Path writeInPlace(String name, String content) {
        return writeInPlace(name, utf8(content));
    }

    /** Truncates and rewrites the file itself with {@code content}, keeping its inode. */
    public Path writeInPlace(String name, byte[] content) {
        return io(() -> Files.write(file(name), content));
    }

    /** Writes a temp file in the same directory and renames it over the file with {@code ATOMIC_MOVE}. */
    public Path writeAtomically(String name, String content) {
        return writeAtomically(name, utf8(content));
    }

    /** Writes {@code content} to a temp file in the same directory and renames it over the file atomically. */
    public Path writeAtomically(String name, byte[] content) {
        Path temp = file("." + name + ".tmp" + sequence.incrementAndGet());
        return io(() -> {
            Files.write(temp, content);
            return Files.move(temp, file(name), StandardCopyOption.ATOMIC_MOVE);
        });
    }

    /**
     * Like vim's default ({@code backupcopy=auto}, {@code writebackup}): creates and deletes the probe file
     * {@code 4913} (vim checks that it may create files in the directory), renames the file to {@code name~}, writes
     * a new file, deletes the backup. The probe is an event about another name in the directory, which a watcher must
     * not take for a change of the config.
     */
    public Path writeLikeVim(String name, String content) {
        return writeLikeVim(name, utf8(content));
    }

    /** Saves {@code content} the way {@link #writeLikeVim(String, String)} says. */
    public Path writeLikeVim(String name, byte[] content) {
        Path probe = file(VIM_PROBE);
        Path backup = file(name + "~");
        return io(() -> {
            Files.createFile(probe);
            Files.delete(probe);
            Files.move(file(name), backup, StandardCopyOption.REPLACE_EXISTING);
            Files.write(file(name), content);
            Files.delete(backup);
            return file(name);
        });
    }

    /**
     * Like JetBrains "safe write": writes {@code name___jb_tmp___}, renames the file to {@code name___jb_old___},
     * renames the temp file to {@code name}, deletes the old one.
     */
    public Path writeLikeJetBrains(String name, String content) {
        return writeLikeJetBrains(name, utf8(content));
    }

    /** Saves {@code content} the way {@link #writeLikeJetBrains(String, String)} says. */
    public Path writeLikeJetBrains(String name, byte[] content) {
        Path temp = file(name + "___jb_tmp___");
        Path old = file(name + "___jb_old___");
        return io(() -> {
            Files.write(temp, content);
            Files.move(file(name), old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(temp, file(name), StandardCopyOption.ATOMIC_MOVE);
            Files.delete(old);
            return file(name);
        });
    }

    /** Deletes the file, then writes it anew (a new inode; watchers see DELETE then CREATE). */
    public Path deleteAndRecreate(String name, String content) {
        return deleteAndRecreate(name, utf8(content));
    }

    /** Deletes the file, then writes {@code content} as a new file. */
    public Path deleteAndRecreate(String name, byte[] content) {
        return io(() -> {
            Files.delete(file(name));
            return Files.write(file(name), content);
        });
    }

    /**
     * Makes {@code name} a symlink to a new file {@code .name.<n>} holding {@code content}: the new link is made
     * beside it and renamed over {@code name} atomically, then the previous target is deleted. The first call may
     * replace a regular file.
     */
    public Path symlinkSwap(String name, String content) {
        return symlinkSwap(name, utf8(content));
    }

    /** Swaps the link {@code name} to a new file holding {@code content}, as {@link #symlinkSwap(String, String)}. */
    public Path symlinkSwap(String name, byte[] content) {
        return io(() -> {
            Path link = file(name);
            Path previous = Files.isSymbolicLink(link) ? dir.resolve(Files.readSymbolicLink(link)) : null;
            Path target = Files.write(file("." + name + "." + sequence.incrementAndGet()), content);
            Path temp = Files.createSymbolicLink(file("." + name + ".link" + sequence.incrementAndGet()),
                    target.getFileName());
            Files.move(temp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (previous != null) {
                Files.deleteIfExists(previous);
            }
            return link;
        });
    }

    /**
     * Makes {@code name} a symbolic link to {@code target}, taken as it is (relative to this directory or absolute,
     * and it need not exist): for a config that is a link from the start, or a link that leads somewhere odd.
     * Nothing may stand at {@code name} yet.
     */
    public Path link(String name, Path target) {
        return io(() -> Files.createSymbolicLink(file(name), target));
    }

    /**
     * Writes {@code name} the way the kubelet updates a mounted ConfigMap: the files live in a timestamped directory
     * {@code ..<stamp>}, {@code ..data} links to it and {@code name} links to {@code ..data/name}. An update
     * writes a new timestamped directory (with the other files copied), points a new link {@code ..data_tmp} at it,
     * renames that over {@code ..data} and deletes the old directory; no event names {@code name} itself.
     *
     * <p>The first call creates the layout; {@code name} must not exist as a regular file then.
     */
    public Path kubernetesSwap(String name, String content) {
        return kubernetesSwap(name, utf8(content));
    }

    /** Publishes {@code content} as {@code name} of the ConfigMap, as {@link #kubernetesSwap(String, String)}. */
    public Path kubernetesSwap(String name, byte[] content) {
        Path data = file(CONFIGMAP_DATA);
        return io(() -> {
            Path previous = Files.isSymbolicLink(data) ? dir.resolve(Files.readSymbolicLink(data)) : null;
            if (previous == null && Files.exists(file(name))) {
                throw new IllegalStateException(name + " is a regular file, not a ConfigMap mount");
            }
            Path next = Files.createDirectory(file(".." + STAMP.format(LocalDateTime.now()) + "."
                    + String.format("%09d", sequence.incrementAndGet())));
            if (previous != null) {
                for (Path existing : list(previous)) {
                    Files.copy(existing, next.resolve(existing.getFileName()));
                }
            }
            Files.write(next.resolve(name), content);
            Path temp = Files.createSymbolicLink(file("..data_tmp"), next.getFileName());
            Files.move(temp, data, StandardCopyOption.ATOMIC_MOVE);
            for (Path mounted : list(next)) {
                Path link = file(mounted.getFileName().toString());
                if (!Files.isSymbolicLink(link)) {
                    Files.createSymbolicLink(link, Path.of(CONFIGMAP_DATA).resolve(mounted.getFileName()));
                }
            }
            if (previous != null) {
                deleteTree(previous);
            }
            return file(name);
        });
    }

    /**
     * Returns the timestamped directory {@code ..data} points to now, where the files of a ConfigMap written with
     * {@link #kubernetesSwap} really are: the directory a watcher must follow, and let go of after the next update.
     *
     * @throws IllegalStateException when this directory is no ConfigMap mount
     */
    public Path configMapVersion() {
        Path data = file(CONFIGMAP_DATA);
        if (!Files.isSymbolicLink(data)) {
            throw new IllegalStateException(dir + " is not a ConfigMap mount: no " + CONFIGMAP_DATA + " link");
        }
        return io(() -> dir.resolve(Files.readSymbolicLink(data)));
    }

    private static byte[] utf8(String content) {
        return content.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Path> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    /** Deletes {@code root} and everything under it, as far as it can: a temp file left behind is harmless. */
    static void deleteQuietly(Path root) {
        try {
            deleteTree(root);
        } catch (UncheckedIOException e) {
            // best effort
        }
    }

    /**
     * Deletes {@code path}: a file, a link (not what it points to) or a directory with everything under it; nothing
     * when it does not exist.
     */
    public static void deleteTree(Path path) {
        io(() -> {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                return path;
            }
            try (Stream<Path> paths = Files.walk(path)) {
                for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(each);
                }
            }
            return path;
        });
    }

    /**
     * Runs a file-system action, its {@link IOException} rethrown as {@link UncheckedIOException}: for fixtures that
     * write files of their own beside the editor's.
     */
    public static <T> T unchecked(IoAction<T> action) {
        try {
            return action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T io(IoAction<T> action) {
        return unchecked(action);
    }

    /**
     * A file-system action that may throw {@link IOException}.
     *
     * @param <T> what it returns
     */
    @FunctionalInterface
    public interface IoAction<T> {
        /** Runs the action. */
        T run() throws IOException;
    }
}
