package dev.aiq.agent.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a finished draft out as the result's tree of unmodifiable maps and lists, and the position of every key and
 * list item by dotted path. Shared drafts (aliases, repeated includes) are written out once per place they appear,
 * each counted against the {@link Budget}. Internal.
 */
final class TreeEmitter {

    private final Budget budget;
    private final Map<String, Position> positions;

    /** @param expectedKeys how many keys and list items the tree probably has (exact without aliases and repeats) */
    TreeEmitter(Budget budget, int expectedKeys) {
        this.budget = budget;
        this.positions = new LinkedHashMap<>(expectedKeys * 4 / 3 + 16);
    }

    /** Returns {@code root} as an unmodifiable tree. */
    Map<String, Object> tree(DraftMap root) {
        return map(root, "");
    }

    /** Returns the positions recorded by {@link #tree}, unmodifiable, in the order the keys appear. */
    Map<String, Position> positions() {
        return Collections.unmodifiableMap(positions);
    }

    private static int textLength(Object value) {
        return value instanceof String text ? text.length() : 0;
    }

    private Object value(Object draft, String path) {
        if (draft instanceof DraftMap map) {
            return map(map, path);
        }
        if (draft instanceof DraftList list) {
            return list(list, path);
        }
        return draft;
    }

    private Map<String, Object> map(DraftMap draft, String path) {
        Map<String, Object> map = new LinkedHashMap<>(draft.entries.size() * 4 / 3 + 1);
        for (Map.Entry<String, Slot> entry : draft.entries.entrySet()) {
            budget.spend();
            budget.spendText(entry.getKey().length() + textLength(entry.getValue().value()));
            String child = path.isEmpty() ? entry.getKey() : path + '.' + entry.getKey();
            positions.put(child, entry.getValue().position());
            map.put(entry.getKey(), value(entry.getValue().value(), child));
        }
        return Collections.unmodifiableMap(map);
    }

    private List<Object> list(DraftList draft, String path) {
        List<Object> list = new ArrayList<>(draft.items.size());
        for (int i = 0; i < draft.items.size(); i++) {
            budget.spend();
            Slot item = draft.items.get(i);
            budget.spendText(textLength(item.value()));
            String child = path + '[' + i + ']';
            positions.put(child, item.position());
            list.add(value(item.value(), child));
        }
        return Collections.unmodifiableList(list);
    }
}
