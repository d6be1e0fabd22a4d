package dev.aiq.agent.protocol;

/**
 * One changed key between two configs, values already rendered and masked where they look secret. Internal.
 *
 * @param path   dotted path, for example {@code llms.nim_llm.temperature}
 * @param before the old value as text, or null when the key was added
 * @param after  the new value as text, or null when the key was removed
 * @param pinned null for a change of the live config; for an edit of the file that an override pins (so the live
 *               value did not change), what stays and why: {@code 0.8 stays (--override on the app's command line)}
 */
public record Change(String path, String before, String after, String pinned) {

    /** A change of the live config. */
    public Change(String path, String before, String after) {
        this(path, before, after, null);
    }

    /**
     * Returns {@code path: before -> after}, with {@code (absent)} for a missing side; a pinned edit reads
     * {@code path: before -> after in the file; 0.8 stays (--override on the app's command line)}.
     */
    @Override
    public String toString() {
        String change = path + ": " + (before == null ? "(absent)" : before) + " -> " + (after == null ? "(absent)" : after);
        return pinned == null ? change : change + " in the file; " + pinned;
    }
}
