package dev.aiq.api;

import java.nio.file.Path;
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
 * @param configFile   the root file of the config that changed (absolute), or null when the agent did not find one;
 *                     an app with several configs (one loader called for several files) tells them apart by it
 * @param <T>          the type the config provider returns
 */
public record ReloadEvent<T>(T previous, T current, long generation, Set<String> changedPaths, boolean rollback,
                             Path configFile) {

    /** Checks the invariants and copies {@code changedPaths}. */
    public ReloadEvent {
        if (previous == null || current == null) {
            throw new IllegalArgumentException("previous and current must not be null");
        }
        changedPaths = changedPaths == null ? Set.of() : Set.copyOf(changedPaths);
    }

    /**
     * An event without a config file (as the agent reported events before it served several configs per JVM).
     *
     * @param previous     the config that was live before
     * @param current      the config to apply
     * @param generation   the generation {@code current} becomes
     * @param changedPaths dotted paths of the keys that changed
     * @param rollback     whether an earlier config is being put back
     */
    public ReloadEvent(T previous, T current, long generation, Set<String> changedPaths, boolean rollback) {
        this(previous, current, generation, changedPaths, rollback, null);
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
