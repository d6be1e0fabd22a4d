package dev.aiq.sample.testing;

import dev.aiq.junit.ConfigEditor;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A directory of config files, written the ways editors and deployments write them, so that tests can check that a
 * watcher sees every one of them: the test kit's {@link ConfigEditor}, with class-path resources of the sample host's
 * tests.
 *
 * <pre>{@code
 * ConfigDir dir = ConfigDir.in(tempDir);
 * Path config = dir.writeInPlace("config.yml", yaml);
 * dir.writeLikeVim("config.yml", edited);
 * }</pre>
 *
 * <p>Every writer returns the path of the file written and throws {@link UncheckedIOException} on failure.
 */
public final class ConfigDir {

    private final ConfigEditor editor;

    private ConfigDir(ConfigEditor editor) {
        this.editor = editor;
    }

    /** Returns a config directory at {@code dir}, created if needed. */
    public static ConfigDir in(Path dir) {
        return new ConfigDir(ConfigEditor.in(dir));
    }

    /** Returns the kit's editor of the same directory. */
    public ConfigEditor editor() {
        return editor;
    }

    /** Returns the directory. */
    public Path dir() {
        return editor.dir();
    }

    /** Returns the path of {@code name} in this directory (which need not exist). */
    public Path file(String name) {
        return editor.file(name);
    }

    /** Returns the content of {@code name}. */
    public String read(String name) {
        return editor.read(name);
    }

    /** Copies the class-path resource {@code resource} here under its own file name. */
    public Path copyResource(String resource) {
        return copyResource(resource, Path.of(resource).getFileName().toString());
    }

    /** Copies the class-path resource {@code resource} here as {@code name}. */
    public Path copyResource(String resource, String name) {
        return editor.copyResource(ConfigDir.class.getClassLoader(), resource, name);
    }

    /** Truncates and rewrites the file itself, keeping its inode (most editors' "save", {@code echo >}). */
    public Path writeInPlace(String name, String content) {
        return editor.writeInPlace(name, content);
    }

    /** Writes a temp file in the same directory and renames it over the file with {@code ATOMIC_MOVE}. */
    public Path writeAtomically(String name, String content) {
        return editor.writeAtomically(name, content);
    }

    /** Like vim: renames the file to {@code name~}, writes a new file, deletes the backup. */
    public Path writeLikeVim(String name, String content) {
        return editor.writeLikeVim(name, content);
    }

    /** Like JetBrains "safe write" (see {@link ConfigEditor#writeLikeJetBrains}). */
    public Path writeLikeJetBrains(String name, String content) {
        return editor.writeLikeJetBrains(name, content);
    }

    /** Deletes the file, then writes it anew (a new inode; watchers see DELETE then CREATE). */
    public Path deleteAndRecreate(String name, String content) {
        return editor.deleteAndRecreate(name, content);
    }

    /** Writes {@code name} the way the kubelet updates a ConfigMap mount (see {@link ConfigEditor#kubernetesSwap}). */
    public Path kubernetesSwap(String name, String content) {
        return editor.kubernetesSwap(name, content);
    }
}
