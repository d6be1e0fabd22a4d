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
 * the records. A value is what Jackson would make of the same text when asked for an {@code Object}: {@link LinkedHashMap},
 * {@link ArrayList}, {@link String}, {@link Integer}, {@link Long} or {@link BigInteger}, {@link Double},
 * {@link Boolean} or null; and {@link #write} prints it as Jackson prints a tree, so {@code --json} shows the same
 * bytes either way. Internal.
 */
public final class WireJson {

    /** Deepest nesting read: a reply is a few levels deep, and a hostile one must not exhaust the stack. */
    private static final int MAX_DEPTH = 500;
    /** Longest number read, as Jackson's default: parsing a number of a million digits takes seconds. */
    private static final int MAX_NUMBER_LENGTH = 1000;

    private final String text;
    /** Whether a key repeated in one object is remembered (the first one) rather than the last value kept. */
    private final boolean findDuplicates;
    private int at;
    private String duplicate;

    private WireJson(String text, boolean findDuplicates) {
        this.text = text;
        this.findDuplicates = findDuplicates;
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
        return new WireJson(text, false).whole();
    }

    /** The first key that appears twice in one object of {@code text}, or null (also when it is not JSON). */
    public static String duplicateKey(String text) {
        WireJson reader = new WireJson(text, true);
        try {
            reader.whole();
            return reader.duplicate;
        } catch (IllegalArgumentException notJson) {
            return null;
        }
    }

    private Object whole() {
        skipSpace();
        Object value = value(0);
        skipSpace();
        if (at < text.length()) {
            throw error("unexpected text after the value");
        }
        return value;
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

    // ---- reading ---------------------------------------------------------------------------------------------

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested more than " + MAX_DEPTH + " levels deep");
        }
        if (at >= text.length()) {
            throw error("the text ends where a value was expected");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + c + "'");
        }
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> object = new LinkedHashMap<>();
        at++;
        skipSpace();
        if (peek() == '}') {
            at++;
            return object;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a field name in quotes");
            }
            String name = string();
            skipSpace();
            expect(':');
            skipSpace();
            if (findDuplicates && duplicate == null && object.containsKey(name)) {
                duplicate = name;
            }
            object.put(name, value(depth + 1));
            skipSpace();
            if (peek() == ',') {
                at++;
            } else {
                expect('}');
                return object;
            }
        }
    }

    private List<Object> array(int depth) {
        List<Object> array = new ArrayList<>();
        at++;
        skipSpace();
        if (peek() == ']') {
            at++;
            return array;
        }
        while (true) {
            skipSpace();
            array.add(value(depth + 1));
            skipSpace();
            if (peek() == ',') {
                at++;
            } else {
                expect(']');
                return array;
            }
        }
    }

    private String string() {
        at++;
        StringBuilder out = null;
        int start = at;
        while (true) {
            if (at >= text.length()) {
                throw error("a string is not closed");
            }
            char c = text.charAt(at);
            if (c == '"') {
                String tail = text.substring(start, at++);
                return out == null ? tail : out.append(tail).toString();
            }
            if (c < 0x20) {
                throw error("a control character inside a string");
            }
            if (c != '\\') {
                at++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder();
            }
            out.append(text, start, at);
            out.append(escape());
            start = at;
        }
    }

    /** The character of the escape at {@code at} (its backslash), moving past it. */
    private char escape() {
        if (at + 1 >= text.length()) {
            throw error("a string is not closed");
        }
        char c = text.charAt(at + 1);
        at += 2;
        switch (c) {
            case '"':
            case '\\':
            case '/':
                return c;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                if (at + 4 > text.length()) {
                    throw error("a \\u escape needs four hex digits");
                }
                try {
                    char unicode = (char) Integer.parseInt(text.substring(at, at + 4), 16);
                    at += 4;
                    return unicode;
                } catch (NumberFormatException e) {
                    throw error("a \\u escape needs four hex digits");
                }
            default:
                at -= 2;
                throw error("unknown escape '\\" + c + "'");
        }
    }

    private Object number() {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        boolean integral = true;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c >= '0' && c <= '9') {
                at++;
            } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                integral = false;
                at++;
            } else {
                break;
            }
        }
        String number = text.substring(start, at);
        if (number.length() > MAX_NUMBER_LENGTH) {
            at = start;
            throw error("a number longer than " + MAX_NUMBER_LENGTH + " characters");
        }
        try {
            if (!integral) {
                return Double.parseDouble(number);
            }
            BigInteger big = new BigInteger(number);
            if (big.bitLength() < Integer.SIZE) {
                return big.intValue();
            }
            return big.bitLength() < Long.SIZE ? (Object) big.longValue() : big;
        } catch (NumberFormatException e) {
            at = start;
            throw error("'" + number + "' is not a number");
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw error("unexpected text");
        }
        at += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void skipSpace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("not JSON at character " + (at + 1) + ": " + what);
    }
}
