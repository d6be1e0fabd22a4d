package dev.aiq.agent.protocol;

/**
 * One changed key between two configs, values already rendered and masked where they look secret. Internal.
 *
 * @param path   dotted path, for example {@code llms.nim_llm.temperature}
 * @param before the old value as text, or null when the key was added
 * @param after  the new value as text, or null when the key was removed
 */
public record Change(String path, String before, String after) {

    /** Returns {@code path: before -> after}, with {@code (absent)} for a missing side. */
    @Override
    public String toString() {
        return path + ": " + (before == null ? "(absent)" : before) + " -> " + (after == null ? "(absent)" : after);
    }
}
