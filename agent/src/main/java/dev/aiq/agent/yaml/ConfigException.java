package dev.aiq.agent.yaml;

import java.nio.file.Path;
import java.util.List;

/** A config that cannot be read: every error found, each with its position. Internal. */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigError> errors;
    private final transient List<Path> files;

    /** Creates the exception; {@code errors} must not be empty. */
    public ConfigException(List<ConfigError> errors) {
        this(errors, List.of());
    }

    /**
     * Creates the exception with the files the config refers to, so that a watcher can keep watching them.
     *
     * @param errors every error, not empty
     * @param files  every file the read reached or tried to reach, root first, including ones that are missing
     */
    public ConfigException(List<ConfigError> errors, List<Path> files) {
        super(errors.isEmpty() ? "invalid config" : errors.get(0).toString(), null, false, false);
        this.errors = List.copyOf(errors);
        this.files = List.copyOf(files);
    }

    /** Creates the exception for one error. */
    public ConfigException(ConfigError error) {
        this(List.of(error));
    }

    /** Returns every error, in the order found; never empty. */
    public List<ConfigError> errors() {
        return errors;
    }

    /**
     * Returns every file the failed read reached or tried to reach (absolute, as named, root first), missing ones
     * included, so that creating or fixing one of them can trigger the next read; empty when not known.
     */
    public List<Path> files() {
        return files;
    }
}
