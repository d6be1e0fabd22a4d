package dev.aiq.sample.config;

/** Internal. How the app puts a value into a one-line message: quoted, control characters escaped, cut short. */
final class Quoted {

    /** The most characters of a value a message shows. */
    static final int SHOWN = 60;
    private static final int LONGEST_MESSAGE = 500;

    private Quoted() {
    }

    /** Returns {@code 'value'}, escaped and cut to {@value #SHOWN} characters (the full length said when cut). */
    static String value(Object value) {
        String text = String.valueOf(value);
        if (text.length() <= SHOWN) {
            return "'" + escaped(text) + "'";
        }
        return "'" + escaped(text.substring(0, SHOWN)) + "…' (" + text.length() + " characters)";
    }

    /** Returns {@code message} on one line: control characters escaped, cut if it is still very long. */
    static String line(String message) {
        String line = escaped(message);
        return line.length() <= LONGEST_MESSAGE ? line
                : line.substring(0, LONGEST_MESSAGE) + "… (" + line.length() + " characters)";
    }

    private static String escaped(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
            if (control && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                out.append(!control ? String.valueOf(c) : switch (c) {
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    default -> String.format("\\u%04x", (int) c);
                });
            }
        }
        return out == null ? text : out.toString();
    }
}
