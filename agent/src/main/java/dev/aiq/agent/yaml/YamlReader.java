package dev.aiq.agent.yaml;

import java.nio.file.Path;
import java.util.Map;

/**
 * The agent's own YAML reader, the first check of every change: SnakeYAML with {@code SafeConstructor}, duplicate
 * keys rejected, limits on aliases, nesting and size; resolves {@code !include}, {@code base:}, {@code file://} and
 * {@code ${VAR:-default}}, confined to the root config's directory tree. Thread-safe. Internal.
 */
public final class YamlReader {

    /** Reads with the process environment. */
    public YamlReader() {
        this(System.getenv());
    }

    /** Reads with {@code env} as the environment (for tests). */
    public YamlReader(Map<String, String> env) {
        throw new UnsupportedOperationException("to be written");
    }

    /**
     * Reads {@code rootFile} and everything it includes.
     *
     * @throws ConfigException with every error found, each with file, line and column where there is one
     */
    public ReadResult read(Path rootFile) throws ConfigException {
        throw new UnsupportedOperationException("to be written");
    }
}
