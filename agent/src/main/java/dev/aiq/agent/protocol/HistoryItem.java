package dev.aiq.agent.protocol;

import java.time.Instant;
import java.util.List;

/**
 * One good config kept in a config's history, as the protocol sends it: without its sources, its tree and the app's
 * value, which are large and may hold secrets. Internal.
 *
 * @param generation the generation it had
 * @param at         when it went live
 * @param sha256     hash of its source
 * @param cause      why it went live
 * @param files      every file it was read from, root first
 */
public record HistoryItem(long generation, Instant at, String sha256, String cause, List<String> files) {

    /** Copies the list. */
    public HistoryItem {
        files = List.copyOf(files);
    }
}
