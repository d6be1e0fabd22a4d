package dev.aiq.agent.yaml;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map of a tree being built, keys in the order written. Filled once by whoever creates it and never changed after it
 * is handed on, so aliases and repeated includes may share it. Internal.
 */
final class DraftMap {

    final Map<String, Slot> entries = new LinkedHashMap<>();

    /** Returns a new map holding {@code base}'s entries, each replaced or deep-merged by {@code over}'s. */
    static DraftMap merge(DraftMap base, DraftMap over, Budget budget) {
        DraftMap merged = new DraftMap();
        budget.spend(base.entries.size());
        merged.entries.putAll(base.entries);
        for (Map.Entry<String, Slot> entry : over.entries.entrySet()) {
            budget.spend();
            Slot mine = entry.getValue();
            Slot theirs = merged.entries.get(entry.getKey());
            if (theirs != null && theirs.value() instanceof DraftMap baseMap && mine.value() instanceof DraftMap overMap) {
                merged.entries.put(entry.getKey(), new Slot(mine.position(), merge(baseMap, overMap, budget)));
            } else {
                merged.entries.put(entry.getKey(), mine);
            }
        }
        return merged;
    }
}
