package dev.aiq.api;

/**
 * An {@code --override PATH VALUE} that cannot be applied: the path runs through a non-map, or the value does not
 * convert to the type of the value already there. Its message names the path and the types, never the value, which
 * may be a secret.
 */
public final class OverrideException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final String expectedType;
    private final String value;

    OverrideException(String path, String expectedType, String value, String message) {
        super(message);
        this.path = path;
        this.expectedType = expectedType;
        this.value = value;
    }

    /** Returns the override's dotted path, never null. */
    public String path() {
        return path;
    }

    /** Returns what the path needed, in words (for example {@code a float}), never null. */
    public String expectedType() {
        return expectedType;
    }

    /** Returns the raw value that was given, never null; it may be a secret: do not show it. */
    public String value() {
        return value;
    }
}
