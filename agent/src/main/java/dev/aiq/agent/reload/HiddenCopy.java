package dev.aiq.agent.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file's edited text written next to it under a hidden name, for the app's provider to replay on (it reads its
 * files itself, and relative references must resolve as from the file): removed on close, and its name in a message
 * turned back into the file's. A name the watcher ignores: it is none of the config's files. Internal.
 */
final class HiddenCopy implements AutoCloseable {

    private final Path file;
    private final Path copy;

    private HiddenCopy(Path file, Path copy) {
        this.file = file;
        this.copy = copy;
    }

    /** Writes {@code bytes} next to {@code file}. */
    static HiddenCopy of(Path file, byte[] bytes) throws IOException {
        Path copy = Files.createTempFile(file.getParent(), ".aiq-dev-edit-", "-" + file.getFileName());
        try {
            Files.write(copy, bytes);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        return new HiddenCopy(file, copy);
    }

    Path path() {
        return copy;
    }

    /** {@code message} with the copy's name replaced by the file's. */
    String asOfFile(String message) {
        return message.replace(copy.getFileName().toString(), file.getFileName().toString());
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(copy);
    }
}
