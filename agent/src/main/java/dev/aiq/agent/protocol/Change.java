package dev.aiq.agent.protocol;

import dev.aiq.agent.mask.Masking;

/**
 * One changed key between two configs, values already masked where they look secret. Values keep their types
 * (a number stays a number in JSON: {@code "before":0.7}); a string is masked and cut like every value shown. Internal.
 *
 * @param path   dotted path, for example {@code llms.nim_llm.temperature}
 * @param before the old value (number, boolean, text, list or map), or null when the key was added
 * @param after  the new value, or null when the key was removed
 * @param pinned null for a change of the live config; for an edit of the file that an override pins (so the live
 *               value did not change), what stays and why: {@code 0.8 stays (--override on the app's command line)}
 */
public record Change(String path, Object before, Object after, String pinned) {

    /** A change of the live config. */
    public Change(String path, Object before, Object after) {
        this(path, before, after, null);
    }

    /**
     * Returns {@code path: before -> after}, with {@code (absent)} for a missing side; a pinned edit reads
     * {@code path: before -> after in the file; 0.8 stays (--override on the app's command line)}.
     */
    @Override
    public String toString() {
        String change = path + ": " + shown(before) + " -> " + shown(after);
        return pinned == null ? change : change + " in the file; " + pinned;
    }

    private String shown(Object value) {
        return value == null ? "(absent)" : Masking.render(path, value);
    }
}
