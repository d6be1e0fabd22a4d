package dev.aiq.agent.control;

import dev.aiq.agent.protocol.HistoryItem;
import dev.aiq.agent.reload.HistoryEntry;
import java.util.ArrayList;
import java.util.List;

/** Turns the history entries a config keeps into the items the protocol sends (no sources, tree or value). */
final class HistoryItems {

    private HistoryItems() {
    }

    /** The items of {@code entries}, in their order. */
    static List<HistoryItem> of(List<HistoryEntry> entries) {
        return entries.stream().map(HistoryItems::of).toList();
    }

    private static HistoryItem of(HistoryEntry entry) {
        List<String> files = new ArrayList<>();
        if (entry.sources() != null) {
            entry.sources().keySet().forEach(file -> files.add(String.valueOf(file)));
        }
        return new HistoryItem(entry.generation(), entry.at(), entry.sha256(), entry.cause(), files);
    }
}
