package dev.aiq.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An ordered, immutable list of {@code --override PATH VALUE} pairs with the AIQ toolkit's semantics.
 *
 * <p>{@link #applyTo(Map)} walks each dotted path through a tree of plain maps and converts the value to the type of
 * the value already there: a boolean takes only {@code true} or {@code false} (any case), an integer or a float must
 * parse as one, a list is split on commas (items trimmed); anything else stays a string. Missing intermediate maps are
 * created and a missing leaf is set as a string. A path through a non-map, or a value that does not convert, is an
 * {@link OverrideException} whose message names the path and the types; it never quotes a value already in the
 * tree (it may be a secret, and messages are shown and kept), and quotes a value given only where a number or a
 * boolean was expected, cut to 60 characters and escaped; the value stays available from
 * {@link OverrideException#value()}. Later pairs win over earlier ones. Paths are limited to
 * {@value #MAX_PATH_DEPTH} keys.
 *
 * <p>A config provider that takes a {@code ConfigOverrides} argument also receives the live overrides a developer
 * sets through {@code aiq-dev set}, appended after the app's own.
 */
public final class ConfigOverrides implements Iterable<ConfigOverrides.Entry> {

    /**
     * One {@code --override PATH VALUE} pair.
     *
     * @param path  the dotted path, for example {@code llms.nim_llm.temperature}; never null or blank
     * @param value the raw value as typed on the command line, never null
     */
    public record Entry(String path, String value) {

        /**
         * Checks the path: dotted, at most {@value ConfigOverrides#MAX_PATH_DEPTH} keys deep and
         * {@value ConfigOverrides#MAX_PATH_LENGTH} characters long, without control characters.
         */
        public Entry {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
            int depth = 1 + (int) path.chars().filter(c -> c == '.').count();
            if (depth > MAX_PATH_DEPTH) {
                throw new IllegalArgumentException("override path is " + depth + " keys deep, more than "
                        + MAX_PATH_DEPTH + " (config files are limited to 50 levels too)");
            }
            if (path.length() > MAX_PATH_LENGTH) {
                throw new IllegalArgumentException("override path of " + path.length() + " characters is longer than "
                        + MAX_PATH_LENGTH);
            }
            if (path.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("override path contains a control character (a line break, an "
                        + "escape, ...); paths are keys such as llms.nim_llm.temperature");
            }
            if (path.isBlank() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
                throw new IllegalArgumentException("override path '" + path + "' is not a dotted path such as llms.nim_llm.temperature");
            }
        }

        /** Returns {@code path=****}: the value is never shown, it may be a secret. */
        @Override
        public String toString() {
            return path + "=****";
        }
    }

    /** Deepest override path accepted, in keys: a config file nests at most 50 levels too. */
    public static final int MAX_PATH_DEPTH = 50;

    /** Longest override path accepted, in characters. */
    public static final int MAX_PATH_LENGTH = 2_000;

    /** How much of a value a message quotes. */
    private static final int QUOTED_CHARACTERS = 60;

    private static final ConfigOverrides NONE = new ConfigOverrides(List.of());
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(?:(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|(?i:inf|infinity|nan))");

    private final List<Entry> entries;

    private ConfigOverrides(List<Entry> entries) {
        this.entries = entries;
    }

    /** Returns the empty list of overrides. */
    public static ConfigOverrides none() {
        return NONE;
    }

    /**
     * Returns overrides holding {@code entries} in order.
     *
     * @param entries the pairs, not null
     * @return the overrides
     */
    public static ConfigOverrides of(List<Entry> entries) {
        return entries.isEmpty() ? NONE : new ConfigOverrides(List.copyOf(entries));
    }

    /**
     * Parses alternating paths and values, as collected from repeated {@code --override PATH VALUE} options.
     *
     * @param pathsAndValues {@code path1, value1, path2, value2, ...}
     * @return the overrides
     * @throws IllegalArgumentException if the count is odd or a path is malformed
     */
    public static ConfigOverrides ofPairs(List<String> pathsAndValues) {
        if (pathsAndValues.size() % 2 != 0) {
            throw new IllegalArgumentException("--override takes two values, PATH and VALUE; got an odd number ("
                    + pathsAndValues.size() + ") of arguments");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < pathsAndValues.size(); i += 2) {
            entries.add(new Entry(pathsAndValues.get(i), pathsAndValues.get(i + 1)));
        }
        return of(entries);
    }

    /** Returns the pairs in order, unmodifiable. */
    public List<Entry> entries() {
        return entries;
    }

    /** Returns whether there are no pairs. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public Iterator<Entry> iterator() {
        return entries.iterator();
    }

    /**
     * Returns these overrides followed by {@code others}, so that {@code others} win.
     *
     * @param others the overrides to append, not null
     * @return the combined overrides
     */
    public ConfigOverrides followedBy(ConfigOverrides others) {
        if (others.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return others;
        }
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(others.entries);
        return new ConfigOverrides(Collections.unmodifiableList(all));
    }

    /**
     * Returns a copy of {@code tree} with every override applied; {@code tree} itself is not changed.
     *
     * @param tree a tree of maps, lists and scalars as a YAML reader produces it; may be null (treated as empty)
     * @return a new, mutable tree
     * @throws OverrideException if a path runs through a non-map or a value does not convert
     */
    public Map<String, Object> applyTo(Map<String, ?> tree) {
        Map<String, Object> copy = deepCopy(tree == null ? Map.of() : tree);
        for (Entry entry : entries) {
            apply(copy, entry);
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static void apply(Map<String, Object> root, Entry entry) {
        String[] keys = entry.path().split("\\.");
        Map<String, Object> node = root;
        for (int i = 0; i < keys.length - 1; i++) {
            Object child = node.get(keys[i]);
            if (child == null) {
                child = new LinkedHashMap<String, Object>();
                node.put(keys[i], child);
            } else if (!(child instanceof Map)) {
                String through = String.join(".", Arrays.copyOf(keys, i + 1));
                throw new OverrideException(entry.path(), "a map", entry.value(),
                        "override '" + entry.path() + "': '" + through + "' is " + describe(child)
                                + ", not a map, so it has no key '" + keys[i + 1] + "'");
            }
            node = (Map<String, Object>) child;
        }
        String leaf = keys[keys.length - 1];
        node.put(leaf, convert(entry.path(), node.get(leaf), entry.value()));
    }

    private static Object convert(String path, Object existing, String value) {
        String trimmed = value.trim();
        if (existing instanceof Boolean) {
            if (trimmed.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (trimmed.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            throw mismatch(path, "a boolean (true or false)", value);
        }
        if (existing instanceof Integer || existing instanceof Long || existing instanceof BigInteger) {
            if (!INTEGER.matcher(trimmed).matches()) {
                throw mismatch(path, "an integer", value);
            }
            BigInteger parsed = new BigInteger(trimmed.startsWith("+") ? trimmed.substring(1) : trimmed);
            if (parsed.bitLength() < 32 && existing instanceof Integer) {
                return parsed.intValue();
            }
            return parsed.bitLength() < 64 ? (Object) parsed.longValue() : parsed;
        }
        if (existing instanceof Double || existing instanceof Float || existing instanceof BigDecimal) {
            // Double.parseDouble alone would also take Java-only forms such as "0.5f" or "0x1p3".
            if (!FLOAT.matcher(trimmed).matches()) {
                throw mismatch(path, "a float", value);
            }
            String lower = trimmed.toLowerCase(Locale.ROOT);
            if (lower.endsWith("nan")) {
                return Double.NaN;
            }
            if (lower.endsWith("inf") || lower.endsWith("infinity")) {
                return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            return Double.parseDouble(trimmed);
        }
        if (existing instanceof List) {
            List<Object> items = new ArrayList<>();
            if (!value.isBlank()) {
                for (String item : value.split(",", -1)) {
                    items.add(item.trim());
                }
            }
            return items;
        }
        if (existing instanceof Map) {
            throw mismatch(path, "a map", value);
        }
        return value;
    }

    /**
     * The value is quoted only where a number or a boolean was expected (what was typed for one is no secret), cut to
     * {@value #QUOTED_CHARACTERS} characters and escaped; in place of a map it is only counted, as it may be one.
     */
    private static OverrideException mismatch(String path, String expected, String value) {
        String given = expected.equals("a map")
                ? "a string of " + value.length() + (value.length() == 1 ? " character" : " characters")
                : quote(value);
        return new OverrideException(path, expected, value,
                "override '" + path + "': expected " + expected + ", got " + given);
    }

    /** {@code 'value'}, cut and with control characters escaped, so it can neither grow nor forge a line. */
    private static String quote(String value) {
        StringBuilder quoted = new StringBuilder("'");
        int end = Math.min(value.length(), QUOTED_CHARACTERS);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        quoted.append('\'');
        return end < value.length() ? quoted + " (cut, " + value.length() + " characters)" : quoted.toString();
    }

    /** The type of a value, never the value: it may be a secret, and messages are shown and kept. */
    private static String describe(Object value) {
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
            return "an integer";
        }
        if (value instanceof Number) {
            return "a float";
        }
        if (value instanceof List) {
            return "a list";
        }
        return "a string";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : map.entrySet()) {
            copy.put(e.getKey(), deepCopyValue(e.getValue()));
        }
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object deepCopyValue(Object value) {
        if (value instanceof Map) {
            return deepCopy((Map<String, ?>) value);
        }
        if (value instanceof List) {
            List<Object> copy = new ArrayList<>();
            for (Object item : (List<?>) value) {
                copy.add(deepCopyValue(item));
            }
            return copy;
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigOverrides other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    /** Returns the pairs as {@code path=****} items: values are never shown, they may be secrets. */
    @Override
    public String toString() {
        return entries.toString();
    }
}
