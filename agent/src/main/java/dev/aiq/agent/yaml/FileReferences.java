package dev.aiq.agent.yaml;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Replaces {@code file://path} values by the text of the file, as the toolkit's loader does: any string value that
 * starts with {@code file://} in a map reached from the top through maps only (a value in a list stays as written),
 * once variables are expanded; the path relative to the file that wrote the value, or absolute; only files with a
 * prompt-like extension. Internal.
 */
final class FileReferences {

    /** The prefix of a file reference. */
    static final String PREFIX = "file://";

    /** The extensions the toolkit reads through {@code file://}, in the order its message lists them. */
    static final List<String> EXTENSIONS = List.of(".j2", ".jinja", ".jinja2", ".md", ".prompt", ".template", ".tpl",
            ".txt");

    private static final Set<String> ALLOWED = Set.copyOf(EXTENSIONS);

    /** Reads the text a reference names, recording why not and returning null when it cannot. */
    @FunctionalInterface
    interface Reader {
        String text(Slot slot, String reference);
    }

    private final Reader reader;
    /** A map reached twice (an alias, a repeated include) is resolved once: the result does not depend on where. */
    private final Map<DraftMap, DraftMap> done = new IdentityHashMap<>();

    FileReferences(Reader reader) {
        this.reader = reader;
    }

    /** Returns {@code map} with every reference in it replaced; {@code map} itself is left as it is. */
    DraftMap resolve(DraftMap map) {
        DraftMap known = done.get(map);
        if (known != null) {
            return known;
        }
        DraftMap result = map;
        for (Map.Entry<String, Slot> entry : map.entries.entrySet()) {
            Slot slot = entry.getValue();
            Object value = slot.value();
            Object resolved = value;
            if (value instanceof DraftMap inner) {
                resolved = resolve(inner);
            } else if (value instanceof String text && text.startsWith(PREFIX)) {
                resolved = reader.text(slot, text.substring(PREFIX.length()));
            }
            if (resolved != value) {
                if (result == map) {
                    result = new DraftMap();
                    result.entries.putAll(map.entries);
                }
                result.entries.put(entry.getKey(), new Slot(slot.position(), resolved));
            }
        }
        done.put(map, result);
        return result;
    }

    /** Returns whether the toolkit reads a file of this name: Python's {@code Path.suffix.lower()} in the list. */
    static boolean allowed(String fileName) {
        return ALLOWED.contains(suffix(fileName));
    }

    /** Python's {@code PurePath.suffix}: from the last dot of the name, none for {@code .txt} or {@code name.}. */
    static String suffix(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 || dot == fileName.length() - 1 ? "" : fileName.substring(dot).toLowerCase(Locale.ROOT);
    }
}
