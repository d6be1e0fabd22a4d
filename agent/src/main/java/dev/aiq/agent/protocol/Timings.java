package dev.aiq.agent.protocol;

/**
 * How long each stage of one reload took, in milliseconds. Internal.
 *
 * @param readMs     reading the YAML (and every include)
 * @param validateMs replaying the provider and running every validator
 * @param applyMs    swapping and running every listener
 */
public record Timings(double readMs, double validateMs, double applyMs) {

    /** No stage ran. */
    public static final Timings NONE = new Timings(0, 0, 0);

    /** Returns {@code read 1.2 ms, validate 3.4 ms, apply 8.0 ms}. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "read %.1f ms, validate %.1f ms, apply %.1f ms", readMs, validateMs, applyMs);
    }
}
