package dev.aiq.agent.mask;

/**
 * Makes any text safe to put in one line of output: control characters (C0, DEL, C1), line and paragraph separators
 * and bidirectional overrides escaped as {@code \n}, {@code \t} or {@code \\u001b}, so that a value can neither end
 * the line, move the cursor, set a terminal title, nor reorder what is shown. Internal.
 */
final class Quoting {

    /** How many characters of a value a message quotes before cutting it. */
    static final int QUOTED_CHARACTERS = 60;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Quoting() {
    }

    /** Whether {@code c} must not reach a terminal raw. */
    static boolean isUnsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u200e'
                || c == '\u200f' || c == '\u061c' || c == '\ufeff';
    }

    /** {@code text} with every unsafe character escaped; the same instance when there is none. */
    static String escape(String text) {
        if (text == null) {
            return null;
        }
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            appendEscaped(out, text.charAt(i));
        }
        return out.toString();
    }

    /** Appends {@code c}, escaped when unsafe. */
    static void appendEscaped(StringBuilder out, char c) {
        if (!isUnsafe(c)) {
            out.append(c);
        } else if (c == '\n') {
            out.append("\\n");
        } else if (c == '\r') {
            out.append("\\r");
        } else if (c == '\t') {
            out.append("\\t");
        } else {
            out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf])
                    .append(HEX[c & 0xf]);
        }
    }

    /**
     * {@code text} escaped and cut after {@code limit} characters with {@code … (N characters)}, so a quoted value
     * can never make a message long.
     */
    static String cut(String text, int limit) {
        if (text.length() <= limit) {
            return escape(text);
        }
        int end = limit;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return escape(text.substring(0, end)) + "… (" + text.length() + " characters)";
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isUnsafe(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
