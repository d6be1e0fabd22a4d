package dev.aiq.agent.protocol;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON text into {@link WireJson}'s values, strictly (RFC 8259) and within bounds a hostile peer cannot
 * stretch: nesting, number length. Internal.
 */
final class WireJsonReader {

    /** Deepest nesting read: a reply is a few levels deep, and a hostile one must not exhaust the stack. */
    private static final int MAX_DEPTH = 500;
    /** Longest number read, as Jackson's default: parsing a number of a million digits takes seconds. */
    private static final int MAX_NUMBER_LENGTH = 1000;

    private final String text;
    /** Whether a key repeated in one object is remembered (the first one) rather than the last value kept. */
    private final boolean findDuplicates;
    private int at;
    private String duplicate;

    WireJsonReader(String text, boolean findDuplicates) {
        this.text = text;
        this.findDuplicates = findDuplicates;
    }

    /** The first key that appeared twice in one object (when asked to find it), or null. */
    String duplicate() {
        return duplicate;
    }

    /** The value the whole text is: anything after it but white space is an error. */
    Object whole() {
        skipSpace();
        Object value = value(0);
        skipSpace();
        if (at < text.length()) {
            throw error("unexpected text after the value");
        }
        return value;
    }

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
