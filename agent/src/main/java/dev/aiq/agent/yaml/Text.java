package dev.aiq.agent.yaml;

import dev.aiq.agent.mask.Masking;

/**
 * How values appear in messages: every message is one line, so a value is quoted, its control characters escaped and
 * its length cut. Internal.
 */
public final class Text {

    /** The most characters of a value a message shows. */
    public static final int MAX_SHOWN = 60;

    private Text() {
    }

    /**
     * Returns {@code value} in single quotes, control characters escaped, cut to {@value #MAX_SHOWN} characters with
     * the full length said when cut: {@code 'line one\nline two'}, {@code 'xxxx…' (102400 characters)}.
     */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        int length = value.length();
        if (length <= MAX_SHOWN) {
            return "'" + escape(value) + "'";
        }
        int end = MAX_SHOWN;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return "'" + escape(value.substring(0, end)) + "…' (" + length + " characters)";
    }

    /**
     * Returns why an I/O operation failed in a few words, without the path it names (the message already names the
     * file): {@code File name too long}, {@code AccessDeniedException}.
     */
    public static String reason(java.io.IOException e) {
        if (e instanceof java.nio.file.FileSystemException failure) {
            return failure.getReason() != null ? escape(failure.getReason()) : e.getClass().getSimpleName();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + " " + quote(e.getMessage());
    }

    /** The longest message line; values in it are cut far shorter, this catches text that was not. */
    public static final int MAX_LINE = 500;

    /** Returns {@code message} escaped as {@link #escape} does and cut to {@value #MAX_LINE} characters. */
    public static String line(String message) {
        String line = escape(message);
        if (line.length() <= MAX_LINE) {
            return line;
        }
        int end = Character.isHighSurrogate(line.charAt(MAX_LINE - 1)) ? MAX_LINE - 1 : MAX_LINE;
        return line.substring(0, end) + "… (" + line.length() + " characters)";
    }

    /**
     * Returns {@code text} with every control or line-separating character written as an escape ({@code \n},
     * {@code \t}, {@code \u001b}), so that it cannot span lines or drive a terminal. Nothing else changes.
     */
    public static String escape(String text) {
        // the one escaping rule of every message the agent prints (control, C1, line and bidi characters)
        return Masking.escape(text);
    }
}
