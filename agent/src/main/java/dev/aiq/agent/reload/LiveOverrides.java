package dev.aiq.agent.reload;

import dev.aiq.agent.protocol.Change;
import dev.aiq.api.ConfigOverrides;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The overrides set through the CLI ({@code aiq-dev set}) or the {@code override=} option, on top of the file and the
 * app's own, with where each came from; and those that the live generation was made with. Changed on the reload thread only. Internal.
 */
final class LiveOverrides {

    /** Where a live override comes from, as messages name it. */
    enum Origin {
        /** {@code aiq-dev set} (the CLI, the browser UI, the MXBean). */
        SET("a live override: aiq-dev set"),
        /** The agent's {@code override=PATH=VALUE} option. */
        OPTION("a live override: the agent's override= option");

        private final String said;

        Origin(String said) {
            this.said = said;
        }

        @Override
        public String toString() {
            return said;
        }
    }

    private final Map<String, String> wanted = new LinkedHashMap<>();
    /** The latest origin of every path ever set: a rollback brings overrides back with theirs. */
    private final Map<String, Origin> origins = new LinkedHashMap<>();
    private Map<String, String> applied = Map.of();
    private volatile Map<String, String> view = Map.of();

    /** Sets {@code path} to {@code value}, from {@code origin}; returns the value it had, or null. */
    String put(String path, String value, Origin origin) {
        origins.put(path, origin);
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

    /** Puts {@code path} back as it was before a refused change ({@code before} null: not set), from {@code origin}. */
    void restore(String path, String before, Origin origin) {
        if (before == null) {
            remove(path);
        } else {
            put(path, before, origin);
        }
    }

    /** The overrides as they are now, by path. */
    Map<String, String> snapshot() {
        return Map.copyOf(wanted);
    }

    /** Puts back the overrides a generation was made with (a rollback to it); they count as applied. */
    void replaceWith(Map<String, String> overrides) {
        wanted.clear();
        wanted.putAll(overrides);
        view = Map.copyOf(wanted);
        markApplied();
    }

    /**
     * What pins {@code path}, an edit of the file that did not reach the live config: the live override or the
     * app's own that covers it, as {@code 0.8 stays (aiq-dev set)}; null when none does.
     */
    String pinning(String path, ConfigOverrides appOverrides) {
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            if (covers(e.getKey(), path)) {
                return Secrets.render(e.getKey(), e.getValue()) + " stays (" + originOf(e.getKey()) + ")";
            }
        }
        String app = null;
        for (ConfigOverrides.Entry e : appOverrides) {
            if (covers(e.path(), path)) {
                app = Secrets.render(e.path(), e.value()) + " stays (--override on the app's command line)";
            }
        }
        return app;
    }

    /** Where the override of {@code path} (or of the nearest path above it that has one) came from. */
    Origin originOf(String path) {
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            if (covers(e.getKey(), path)) {
                return origins.getOrDefault(e.getKey(), Origin.SET);
            }
        }
        return Origin.SET;
    }

    /**
     * {@code changes} of the live config, followed by the edits between the files' trees {@code fileBefore} and
     * {@code fileAfter} that an override pins (the file's value changed, the live one did not): each says which
     * override wins.
     */
    List<Change> withPinned(List<Change> changes, Map<String, Object> fileBefore, Map<String, Object> fileAfter,
                            ConfigOverrides appOverrides) {
        Set<String> listed = new HashSet<>();
        changes.forEach(change -> listed.add(change.path()));
        List<Change> all = new ArrayList<>(changes);
        for (Change edit : TreeDiff.between(fileBefore, fileAfter)) {
            String pinned = listed.contains(edit.path()) ? null : pinning(edit.path(), appOverrides);
            if (pinned != null) {
                all.add(new Change(edit.path(), edit.before(), edit.after(), pinned));
            }
        }
        return all;
    }

    private static boolean covers(String override, String path) {
        return path.equals(override) || path.startsWith(override + ".") || path.startsWith(override + "[");
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
