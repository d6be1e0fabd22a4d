package dev.aiq.agent.reload;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * One good config that was live, kept for {@code history}, {@code diff} and {@code rollback}. Internal.
 *
 * @param generation the generation it had
 * @param at         when it went live
 * @param sha256     hash of its source
 * @param cause      why it went live: {@code start}, {@code file change}, {@code reload}, {@code rollback to N},
 *                   {@code set PATH}, ...
 * @param sources    the text of every file it was read from (secrets not masked: never printed as is)
 * @param tree       the agent's view of it (overrides applied), for diffs
 * @param value      what the provider returned: the object the app sees
 * @param fileTree   what the files say (no overrides applied): shows an edit that an override pins
 * @param overrides  the live overrides it was made with: a rollback to it brings them back
 */
public record HistoryEntry(long generation, Instant at, String sha256, String cause, Map<Path, String> sources,
                           Map<String, Object> tree, Object value, Map<String, Object> fileTree,
                           Map<String, String> overrides) {

    /** An entry whose files say what its tree says, made without live overrides. */
    public HistoryEntry(long generation, Instant at, String sha256, String cause, Map<Path, String> sources,
                        Map<String, Object> tree, Object value) {
        this(generation, at, sha256, cause, sources, tree, value, tree, Map.of());
    }
}
