package dev.aiq.api;

import java.util.Set;

/**
 * One change of the live config, as handed to a {@link ReloadListener}.
 *
 * @param previous     the config that was live before, never null
 * @param current      the config to apply, never null
 * @param generation   the generation {@code current} becomes (generation 1 is the config the app started with)
 * @param changedPaths dotted paths of the YAML keys that changed (for example {@code llms.nim_llm.temperature});
 *                     empty when not known; never null, unmodifiable
 * @param rollback     true when the agent is putting back an earlier config (after a veto, after too many failed
 *                     attempts, or on request)
 * @param <T>          the type the config provider returns
 */
public record ReloadEvent<T>(T previous, T current, long generation, Set<String> changedPaths, boolean rollback) {

    /** Checks the invariants and copies {@code changedPaths}. */
    public ReloadEvent {
        if (previous == null || current == null) {
            throw new IllegalArgumentException("previous and current must not be null");
        }
        changedPaths = changedPaths == null ? Set.of() : Set.copyOf(changedPaths);
    }

    /**
     * Tells whether the key at {@code path}, or anything below it, changed.
     *
     * @param path a dotted path such as {@code general.front_end}
     * @return true if a changed path equals {@code path} or lies below it
     */
    public boolean changed(String path) {
        for (String changed : changedPaths) {
            if (changed.equals(path) || changed.startsWith(path + ".")) {
                return true;
            }
        }
        return false;
    }
}
