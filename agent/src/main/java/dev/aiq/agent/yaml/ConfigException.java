package dev.aiq.agent.yaml;

import java.util.List;

/** A config that cannot be read: every error found, each with its position. Internal. */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigError> errors;

    /** Creates the exception; {@code errors} must not be empty. */
    public ConfigException(List<ConfigError> errors) {
        super(errors.isEmpty() ? "invalid config" : errors.get(0).toString(), null, false, false);
        this.errors = List.copyOf(errors);
    }

    /** Creates the exception for one error. */
    public ConfigException(ConfigError error) {
        this(List.of(error));
    }

    /** Returns every error, in the order found; never empty. */
    public List<ConfigError> errors() {
        return errors;
    }
}
