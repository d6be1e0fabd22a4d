package dev.aiq.agent.cli;

import dev.aiq.agent.mask.Masking;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;

/**
 * Prints what comes from a target as data, never as terminal input: a writer that escapes every control character
 * but the line break ({@code ESC} becomes {@code \\u001b}, a carriage return {@code \r}), so a reply, a config value
 * or a process's command line can neither set the terminal's title, move the cursor, nor overwrite a line; and the
 * command line of a JVM as {@code list} and headers show it, secrets masked. Internal.
 */
final class SafeOutput {

    private SafeOutput() {
    }

    /** A print writer to {@code out} in the platform's encoding that escapes as described, flushing on println. */
    static PrintWriter escaping(OutputStream out) {
        return escaping(new OutputStreamWriter(out, Charset.defaultCharset()));
    }

    /** A print writer to {@code out} that escapes as described, flushing on println. */
    static PrintWriter escaping(Writer out) {
        return new PrintWriter(new EscapingWriter(out), true);
    }

    /** A JVM's command line for display: secrets masked, control characters escaped. */
    static String commandLine(String displayName) {
        return Masking.commandLine(displayName);
    }

    /** Escapes every unsafe character but {@code \n}. */
    private static final class EscapingWriter extends FilterWriter {

        EscapingWriter(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            char ch = (char) c;
            if (ch == '\n' || !Masking.isUnsafe(ch)) {
                out.write(c);
            } else {
                out.write(Masking.escape(String.valueOf(ch)));
            }
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            int start = offset;
            int end = offset + length;
            for (int i = offset; i < end; i++) {
                char ch = chars[i];
                if (ch != '\n' && Masking.isUnsafe(ch)) {
                    out.write(chars, start, i - start);
                    write(ch);
                    start = i + 1;
                }
            }
            out.write(chars, start, end - start);
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            write(text.toCharArray(), offset, length);
        }
    }
}
