package dev.aiq.agent.reload;

import dev.aiq.api.ConfigOverrides;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The overrides set through the CLI ({@code aiq-dev set}) or the {@code override=} option, on top of the file and the
 * app's own; and those that the live generation was made with. Changed on the reload thread only. Internal.
 */
final class LiveOverrides {

    private final Map<String, String> wanted = new LinkedHashMap<>();
    private Map<String, String> applied = Map.of();
    private volatile Map<String, String> view = Map.of();

    /** Sets {@code path} to {@code value}; returns the value it had, or null. */
    String put(String path, String value) {
        String before = wanted.put(path, value);
        view = Map.copyOf(wanted);
        return before;
    }

    /** Removes {@code path}; returns the value it had, or null. */
    String remove(String path) {
        String before = wanted.remove(path);
        view = Map.copyOf(wanted);
        return before;
    }

    /** Puts {@code path} back as it was before a refused change ({@code before} null: not set). */
    void restore(String path, String before) {
        if (before == null) {
            remove(path);
        } else {
            put(path, before);
        }
    }

    /** Forgets them all (the start-up ones were refused). */
    void clear() {
        wanted.clear();
        view = Map.of();
    }

    boolean isEmpty() {
        return wanted.isEmpty();
    }

    /** The live generation was made with the overrides as they are now. */
    void markApplied() {
        applied = Map.copyOf(wanted);
    }

    /** Whether the overrides changed since the live generation was made. */
    boolean pending() {
        return !applied.equals(wanted);
    }

    /** As the provider receives them. */
    ConfigOverrides asOverrides() {
        List<ConfigOverrides.Entry> entries = new ArrayList<>();
        wanted.forEach((k, v) -> entries.add(new ConfigOverrides.Entry(k, v)));
        return ConfigOverrides.of(entries);
    }

    /** Part of the fingerprint of a reload's input. */
    String fingerprint() {
        return wanted.toString();
    }

    /** The overrides by path, secret values masked; any thread. */
    Map<String, String> masked() {
        Map<String, String> masked = new LinkedHashMap<>();
        view.forEach((k, v) -> masked.put(k, Secrets.render(k, v)));
        return masked;
    }

    @Override
    public String toString() {
        return wanted.toString();
    }
}
