package dev.aiq.agent.yaml;

import java.nio.file.Path;

/**
 * Where a key was written: file, 1-based line and column. Internal.
 *
 * @param file   the file, never null
 * @param line   1-based line
 * @param column 1-based column
 */
public record Position(Path file, int line, int column) {
}
