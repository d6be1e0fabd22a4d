package dev.aiq.junit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value read from the agent's control socket or from {@code aiq-dev ... --json}: objects are maps, arrays
 * lists, numbers {@link BigDecimal}. Navigation never throws: a missing key or index gives a missing value, whose
 * {@code as...} methods return the default, so a test reads {@code status.path("configs", 0, "generation").asLong()}
 * and asserts on the result. The kit has its own reader so that it depends on no JSON library of the app's.
 */
public final class Json {

    private static final Json MISSING = new Json(null, true);

    private final Object value;
    private final boolean missing;

    private Json(Object value, boolean missing) {
        this.value = value;
        this.missing = missing;
    }

    /**
     * Parses one JSON text.
     *
     * @throws IllegalArgumentException saying where the text is not JSON
     */
    public static Json parse(String text) {
        Reader reader = new Reader(text);
        Object value = reader.value();
        reader.skipSpace();
        if (reader.position < text.length()) {
            throw reader.error("text after the value");
        }
        return new Json(value, false);
    }

    /** Returns the value under {@code keys}: each a {@code String} (an object's field) or an {@code Integer}. */
    public Json path(Object... keys) {
        Json current = this;
        for (Object key : keys) {
            current = current.child(key);
        }
        return current;
    }

    /** Tells whether a {@link #path} led nowhere. */
    public boolean isMissing() {
        return missing;
    }

    /** Tells whether this is JSON {@code null} or missing. */
    public boolean isNull() {
        return value == null;
    }

    /** Returns the raw value: a {@code Map}, {@code List}, {@code String}, {@code BigDecimal}, {@code Boolean}, null. */
    public Object value() {
        return value;
    }

    /** Returns the text of a string, the JSON of anything else, or {@code ""} when missing or null. */
    public String asText() {
        if (value == null) {
            return "";
        }
        return value instanceof String text ? text : toString();
    }

    /** Returns a number as a long, or 0 when this is not a number. */
    public long asLong() {
        return value instanceof BigDecimal number ? number.longValue() : 0;
    }

    /** Returns a boolean, or false when this is not one. */
    public boolean asBoolean() {
        return Boolean.TRUE.equals(value);
    }

    /** Returns the elements of an array (empty when this is not an array). */
    public List<Json> elements() {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        List<Json> elements = new ArrayList<>(list.size());
        for (Object element : list) {
            elements.add(new Json(element, false));
        }
        return elements;
    }

    /** Returns the field names of an object (empty when this is not an object). */
    public List<String> fieldNames() {
        if (!(value instanceof Map<?, ?> map)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        map.keySet().forEach(key -> names.add((String) key));
        return names;
    }

    /** Returns how many elements or fields this has; 0 for anything else. */
    public int size() {
        if (value instanceof List<?> list) {
            return list.size();
        }
        return value instanceof Map<?, ?> map ? map.size() : 0;
    }

    /** Returns compact JSON text. */
    @Override
    public String toString() {
        return missing ? "<missing>" : write(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Json json && missing == json.missing && java.util.Objects.equals(value, json.value);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(value);
    }

    /** Writes {@code value} (maps, lists, strings, numbers, booleans, null) as compact JSON. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private Json child(Object key) {
        if (key instanceof String name && value instanceof Map<?, ?> map && map.containsKey(name)) {
            return new Json(map.get(name), false);
        }
        if (key instanceof Integer index && value instanceof List<?> list && index >= 0 && index < list.size()) {
            return new Json(list.get(index), false);
        }
        return MISSING;
    }

    private static void write(Object value, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            String separator = "";
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(separator);
                quote(String.valueOf(entry.getKey()), out);
                out.append(':');
                write(entry.getValue(), out);
                separator = ",";
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(list.get(i), out);
            }
            out.append(']');
        } else if (value instanceof String text) {
            quote(text, out);
        } else {
            out.append(value);
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A recursive-descent reader over one text. */
    private static final class Reader {
        private final String text;
        private int position;

        Reader(String text) {
            this.text = text;
        }

        Object value() {
            skipSpace();
            if (position >= text.length()) {
                throw error("end of text where a value should be");
            }
            char c = text.charAt(position);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    return number();
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            position++;
            skipSpace();
            if (peek() == '}') {
                position++;
                return Collections.unmodifiableMap(map);
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw error("a field name should be here");
                }
                String key = string();
                skipSpace();
                expect(':');
                map.put(key, value());
                skipSpace();
                if (peek() == ',') {
                    position++;
                } else {
                    expect('}');
                    return Collections.unmodifiableMap(map);
                }
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            position++;
            skipSpace();
            if (peek() == ']') {
                position++;
                return Collections.unmodifiableList(list);
            }
            while (true) {
                list.add(value());
                skipSpace();
                if (peek() == ',') {
                    position++;
                } else {
                    expect(']');
                    return Collections.unmodifiableList(list);
                }
            }
        }

        private String string() {
            StringBuilder out = new StringBuilder();
            position++;
            while (position < text.length()) {
                char c = text.charAt(position++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (position >= text.length()) {
                    break;
                }
                char escaped = text.charAt(position++);
                switch (escaped) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (position + 4 > text.length()) {
                            throw error("a cut-off \\u escape");
                        }
                        out.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
                        position += 4;
                    }
                    default -> out.append(escaped);
                }
            }
            throw error("a string that does not end");
        }

        private BigDecimal number() {
            int start = position;
            while (position < text.length() && "+-0123456789.eE".indexOf(text.charAt(position)) >= 0) {
                position++;
            }
            try {
                return new BigDecimal(text.substring(start, position));
            } catch (NumberFormatException e) {
                position = start;
                throw error("not a JSON value");
            }
        }

        private Object literal(String word, Object result) {
            if (!text.startsWith(word, position)) {
                throw error("not a JSON value");
            }
            position += word.length();
            return result;
        }

        private void expect(char wanted) {
            if (peek() != wanted) {
                throw error("'" + wanted + "' should be here");
            }
            position++;
        }

        private char peek() {
            return position < text.length() ? text.charAt(position) : '\0';
        }

        void skipSpace() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("not JSON at character " + (position + 1) + ": " + what);
        }
    }
}
