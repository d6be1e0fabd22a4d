package dev.aiq.agent.yaml;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a reading gets the bytes of a file: the disk by default; the reload engine passes bytes it already read, so
 * that what is validated is exactly what it hashed. Real-path resolution, the regular-file check and confinement
 * still look at the file system. Implementations must be safe to call from the reading thread. Internal.
 */
@FunctionalInterface
public interface SourceFiles {

    /**
     * Returns the bytes of {@code file}.
     *
     * @param file the file as the reading names it, one of the paths {@link ReadResult#files()} lists (absolute,
     *             normalized, symlinks not resolved); never null
     * @return the file's bytes, never null
     * @throws IOException when the file cannot be read ({@link java.nio.file.NoSuchFileException} when it is missing)
     */
    byte[] read(Path file) throws IOException;
}
