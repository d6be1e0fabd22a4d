package dev.aiq.agent.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** How editors and tools save a file, each as the same file-system steps they take (see docs/config-watcher.md). */
enum SaveStyle {

    /** Truncate and write the same file: VS Code, nano, {@code echo > config.yml}. */
    IN_PLACE {
        @Override
        void save(Path file, String content) throws IOException {
            Files.writeString(file, content);
        }
    },

    /** Write a temporary file next to it, then rename it over the file: most tools, Ansible, {@code sed -i}. */
    TEMP_FILE_AND_ATOMIC_RENAME {
        @Override
        void save(Path file, String content) throws IOException {
            Path temp = file.resolveSibling("." + file.getFileName() + ".tmp1234");
            Files.writeString(temp, content);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        }
    },

    /** Vim's default: probe with {@code 4913}, rename the file to {@code name~}, write a new one, drop the backup. */
    VIM {
        @Override
        void save(Path file, String content) throws IOException {
            Path probe = file.resolveSibling("4913");
            Files.createFile(probe);
            Files.delete(probe);
            Path backup = file.resolveSibling(file.getFileName() + "~");
            Files.move(file, backup, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(file, content);
            Files.delete(backup);
        }
    },

    /** IntelliJ's safe write: {@code name___jb_tmp___} written, the file moved to {@code name___jb_old___}, swapped. */
    JETBRAINS {
        @Override
        void save(Path file, String content) throws IOException {
            Path temp = file.resolveSibling(file.getFileName() + "___jb_tmp___");
            Path old = file.resolveSibling(file.getFileName() + "___jb_old___");
            Files.writeString(temp, content);
            Files.move(file, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            Files.delete(old);
        }
    };

    /** Saves {@code content} into {@code file}, which exists. */
    abstract void save(Path file, String content) throws IOException;
}
