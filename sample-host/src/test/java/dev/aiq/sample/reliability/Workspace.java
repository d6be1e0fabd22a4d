package dev.aiq.sample.reliability;

import dev.aiq.junit.ConfigEditor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The files of a live config under test: {@code config.yml} in its own directory {@code app/}, with room outside it
 * ({@code ../}) for files an include must not reach. Writes of the config are atomic (temp file + rename) unless they
 * say otherwise, so the agent never reads half a hostile input by accident. The test kit's {@link ConfigEditor} writes
 * them, the bytes as they are.
 */
final class Workspace {

    private static final String NAME = "config.yml";

    private final Path dir;
    private final ConfigEditor editor;
    private final String good;
    private final Consumer<String> awaitLine;

    /**
     * Creates {@code root/app/config.yml} with {@code good}.
     *
     * @param awaitLine waits for a line containing its argument, printed since the current input began
     */
    Workspace(Path root, String good, Consumer<String> awaitLine) {
        this.dir = root.resolve("app");
        this.editor = ConfigEditor.in(dir);
        editor.writeInPlace(NAME, good);
        this.good = good;
        this.awaitLine = awaitLine;
    }

    /** Returns the text of the class-path resource {@code name}, for example {@code reliability/config.yml}. */
    static String resource(String name) {
        try (InputStream in = Workspace.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no class-path resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the config file. */
    Path config() {
        return editor.file(NAME);
    }

    /** Returns the good config text. */
    String good() {
        return good;
    }

    /** Returns the good config with {@code from} replaced by {@code to} (which must be there). */
    String goodWith(String from, String to) {
        if (!good.contains(from)) {
            throw new IllegalArgumentException("the good config has no '" + from + "'");
        }
        return good.replace(from, to);
    }

    /** Returns the good config with {@code general.testing} set to {@code testing} (a YAML flow map). */
    String goodWithTesting(String testing) {
        return goodWith("general:\n", "general:\n  testing: " + testing + "\n");
    }

    /** Writes {@code text} as the config, atomically. */
    void write(String text) {
        editor.writeAtomically(NAME, text);
    }

    /** Writes {@code bytes} as the config, atomically. */
    void writeBytes(byte[] bytes) {
        editor.writeAtomically(NAME, bytes);
    }

    /** Truncates and rewrites the config in place, keeping its inode. */
    void writeInPlace(byte[] bytes) {
        editor.writeInPlace(NAME, bytes);
    }

    /** Writes {@code name} (relative to the config directory; may climb out with {@code ../}). */
    Path writeFile(String name, String text) {
        Path file = dir.resolve(name).normalize();
        return io(() -> {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        });
    }

    /** Creates the directory {@code name} in the config directory. */
    Path directory(String name) {
        return io(() -> Files.createDirectories(dir.resolve(name)));
    }

    /** Makes {@code name} in the config directory a symbolic link to {@code target}. */
    Path symlink(String name, Path target) {
        return editor.link(name, target);
    }

    /** Creates a named pipe {@code name} in the config directory (with {@code mkfifo}). */
    Path fifo(String name) {
        Path fifo = dir.resolve(name);
        return io(() -> {
            Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
            try {
                if (!mkfifo.waitFor(30, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
                    throw new IOException("mkfifo " + fifo + " failed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            return fifo;
        });
    }

    /** Deletes the config file (or whatever stands in its place, a directory with its content). */
    void deleteConfig() {
        ConfigEditor.deleteTree(config());
    }

    /** Deletes the whole config directory, the config and everything beside it. */
    void deleteDirectory() {
        ConfigEditor.deleteTree(dir);
    }

    /** Creates the config directory again and writes {@code text} as the config, in place. */
    void recreate(String text) {
        ConfigEditor.in(dir).writeInPlace(NAME, text);
    }

    /** Replaces the config with a symbolic link to {@code target}. */
    void replaceConfigWithLink(Path target) {
        deleteConfig();
        editor.link(NAME, target);
    }

    /** Replaces the config with an empty directory. */
    void replaceConfigWithDirectory() {
        deleteConfig();
        io(() -> Files.createDirectory(config()));
    }

    /** Waits for a line containing {@code text} printed since the current input began. */
    void awaitLine(String text) {
        awaitLine.accept(text);
    }

    /** Puts the good config back as a regular file, with {@code comment} so that it differs from the live one. */
    void restore(String comment) {
        if (!Files.isRegularFile(config(), LinkOption.NOFOLLOW_LINKS)) {
            deleteConfig();
        }
        write(good + "# " + comment + "\n");
    }

    private static <T> T io(ConfigEditor.IoAction<T> action) {
        return ConfigEditor.unchecked(action);
    }
}
