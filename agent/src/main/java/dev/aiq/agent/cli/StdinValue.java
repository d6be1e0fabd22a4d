package dev.aiq.agent.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * The value of {@code aiq-dev set PID PATH -}, read from standard input so that a secret never appears in the
 * process list ({@code ps} shows every user the arguments of every process). Internal.
 */
final class StdinValue {

    /** What stands for "read the value from standard input". */
    static final String DASH = "-";

    /** Longest value accepted, in characters. */
    static final int MAX_LENGTH = 1 << 20;

    private StdinValue() {
    }

    /** Whether {@code value} asks for standard input. */
    static boolean requested(String value) {
        return DASH.equals(value);
    }

    /**
     * Reads the value from {@code in} to its end, UTF-8, without the one line break that ends it ({@code \n} or
     * {@code \r\n}, as {@code echo} or a here-string add).
     *
     * @throws CliException when the input cannot be read or is longer than {@value #MAX_LENGTH} characters
     */
    static String read(InputStream in) throws CliException {
        return read(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** As {@link #read(InputStream)}, from characters ({@code Io.in()}). */
    static String read(Reader in) throws CliException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (text.length() + n > MAX_LENGTH) {
                    throw CliException.failure("the value on standard input is longer than " + (MAX_LENGTH >> 20)
                            + " MB");
                }
                text.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw CliException.failure("cannot read the value from standard input: " + e.getMessage());
        }
        String value = text.toString();
        if (value.endsWith("\r\n")) {
            return value.substring(0, value.length() - 2);
        }
        return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
    }
}
