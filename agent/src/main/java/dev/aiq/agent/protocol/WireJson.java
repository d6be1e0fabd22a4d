package dev.aiq.agent.protocol;

import dev.aiq.agent.mask.Masking;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control protocol's JSON, without a JSON library, for both of its ends: a command that sends one request and
 * prints its reply is a JVM start and a socket call, and a JSON library's first use costs more than both; in the
 * app, the first reply of a freshly attached agent would wait for the library's classes and its introspection of
 * the records. A value is what Jackson would make of the same text when asked for an {@code Object}:
 * {@link LinkedHashMap}, {@link ArrayList}, {@link String}, {@link Integer}, {@link Long} or {@link BigInteger},
 * {@link Double}, {@link Boolean} or null ({@link WireJsonReader} reads it); and {@link #write} prints it as Jackson
 * prints a tree, so {@code --json} shows the same bytes either way. Internal.
 */
public final class WireJson {

    private WireJson() {
    }

    /** A new request for {@code op}, to which its parameters are added. */
    public static Map<String, Object> request(String op) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", op);
        return request;
    }

    /** A new object, to add fields to in order. */
    public static Map<String, Object> object() {
        return new LinkedHashMap<>();
    }

    /**
     * Reads one JSON value, the whole of {@code text}.
     *
     * @throws IllegalArgumentException saying where the text stops being JSON
     */
    public static Object parse(String text) {
        return new WireJsonReader(text, false).whole();
    }

    /** The first key that appears twice in one object of {@code text}, or null (also when it is not JSON). */
    public static String duplicateKey(String text) {
        WireJsonReader reader = new WireJsonReader(text, true);
        try {
            reader.whole();
            return reader.duplicate();
        } catch (IllegalArgumentException notJson) {
            return null;
        }
    }

    /**
     * A line the agent sent, as data ({@link #asData}): an object such as {@code {"ok":true,"result":...}}.
     *
     * @throws IOException when the line is not a JSON object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> reply(String line) throws IOException {
        Object reply;
        try {
            reply = asData(parse(line));
        } catch (IllegalArgumentException e) {
            throw new IOException("the reply is " + e.getMessage(), e);
        }
        if (!(reply instanceof Map)) {
            throw new IOException("the reply is not a JSON object");
        }
        return (Map<String, Object>) reply;
    }

    /** The field {@code name} of {@code object} when it is an object, else null. */
    public static Object field(Object object, String name) {
        return object instanceof Map<?, ?> map ? map.get(name) : null;
    }

    /** The text of the field {@code name}, or {@code absent} when it is missing or null. */
    public static String text(Object object, String name, String absent) {
        Object value = field(object, name);
        return value == null ? absent : value.toString();
    }

    /** {@code value} as data: every text and key escaped and masked, so printing it can drive no terminal. */
    public static Object asData(Object value) {
        if (value instanceof String text) {
            return Masking.text(text);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(asData(item)));
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(Masking.text(String.valueOf(key)), asData(item)));
            return copy;
        }
        return value;
    }

    /** {@code value} as compact JSON, as Jackson writes it. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            quote(text, out);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote(String.valueOf(entry.getKey()), out);
                out.append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof Iterable<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(item, out);
            }
            out.append(']');
        } else if (value instanceof Boolean || value instanceof Number) {
            out.append(value);
        } else {
            quote(value.toString(), out);
        }
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
