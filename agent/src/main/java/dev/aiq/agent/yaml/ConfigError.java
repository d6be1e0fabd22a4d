package dev.aiq.agent.yaml;

import dev.aiq.agent.mask.Masking;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One problem in a config, with its position: built here, printed the same way everywhere
 * ({@code config.yml:12:5: duplicate key 'temperature'}). Internal.
 *
 * @param file    the file the problem is in, or null when it concerns no file (an override, a provider)
 * @param line    1-based line, or 0 when unknown
 * @param column  1-based column, or 0 when unknown
 * @param message a plain sentence on one line (control characters are escaped here), never null
 */
public record ConfigError(Path file, int line, int column, String message) {

    /**
     * Keeps every message on one short line whatever went into it (an override's value, an exception's text, a
     * file's content, an expanded {@code ${VAR}}): credential-looking text is masked, control characters are
     * escaped and a message that is still too long is cut.
     */
    public ConfigError {
        message = Text.line(Masking.text(Objects.requireNonNull(message, "message")));
    }

    /** An error that has no position. */
    public static ConfigError of(String message) {
        return new ConfigError(null, 0, 0, message);
    }

    /** An error in a file, without a line. */
    public static ConfigError in(Path file, String message) {
        return new ConfigError(file, 0, 0, message);
    }

    /** Returns {@code name:line:column: message} with the file shown by its name. */
    @Override
    public String toString() {
        return render(null);
    }

    /**
     * Renders the error with the file relative to {@code base} (the root config's directory) when it lies below it,
     * else by its absolute path; {@code base} null shows the file name only.
     */
    public String render(Path base) {
        StringBuilder text = new StringBuilder();
        if (file != null) {
            text.append(displayName(base));
            if (line > 0) {
                text.append(':').append(line);
                if (column > 0) {
                    text.append(':').append(column);
                }
            }
            text.append(": ");
        }
        return text.append(message).toString();
    }

    private String displayName(Path base) {
        if (base == null) {
            Path name = file.getFileName();
            return name == null ? file.toString() : name.toString();
        }
        Path abs = file.toAbsolutePath().normalize();
        Path root = base.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
    }
}
