package dev.aiq.sample.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Internal. Deep, order-keeping, unmodifiable copies of the maps and lists a YAML reader produces. */
final class Trees {

    private Trees() {
    }

    /** Returns an unmodifiable deep copy of {@code map} in the same order; null becomes an empty map. */
    static <V> Map<String, V> frozen(Map<String, V> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, V> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, frozenValue(value)));
        return Collections.unmodifiableMap(copy);
    }

    /** Returns an unmodifiable deep copy of {@code map} sorted by key; null becomes an empty map. */
    static <V> Map<String, V> frozenSorted(Map<String, V> map) {
        return map == null ? Map.of() : frozen(new TreeMap<>(map));
    }

    /** Returns an unmodifiable copy of {@code list}; null becomes an empty list. */
    static <T> List<T> frozen(List<T> list) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        List<T> copy = new ArrayList<>();
        list.forEach(item -> copy.add(frozenValue(item)));
        return Collections.unmodifiableList(copy);
    }

    @SuppressWarnings("unchecked")
    private static <T> T frozenValue(T value) {
        if (value instanceof Map) {
            return (T) frozen((Map<String, Object>) value);
        }
        if (value instanceof List) {
            return (T) frozen((List<Object>) value);
        }
        return value;
    }
}
