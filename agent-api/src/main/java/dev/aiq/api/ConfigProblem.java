package dev.aiq.api;

import java.util.Objects;

/**
 * One problem a {@link ConfigValidator} found in a config.
 *
 * @param path    the dotted path of the offending key (for example {@code workflow.llm_name}), or an empty string for
 *                the config as a whole; never null
 * @param message a plain sentence saying what is wrong, never null
 */
public record ConfigProblem(String path, String message) {

    /** Checks that neither part is null. */
    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** Returns {@code path: message}, or just the message when there is no path. */
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
