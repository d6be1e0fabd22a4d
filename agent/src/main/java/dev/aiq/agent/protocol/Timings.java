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

    /** The stages between four {@link System#nanoTime()} readings: start, read, validated, applied. */
    public static Timings between(long start, long read, long validated, long applied) {
        return new Timings((read - start) / 1e6, (validated - read) / 1e6, (applied - validated) / 1e6);
    }

    /** Returns {@code read 1.2 ms, validate 3.4 ms, apply 8.0 ms}. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "read %.1f ms, validate %.1f ms, apply %.1f ms", readMs, validateMs, applyMs);
    }
}
