package dev.aiq.agent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Where {@code interactive} reads its commands: on a terminal, JLine (line editing, the arrow keys, history);
 * on a pipe, plain lines without a prompt. Internal.
 */
interface LineSource extends AutoCloseable {

    /** The next line, having shown {@code prompt} where a person reads it; null at the end of the input. */
    String readLine(String prompt) throws IOException;

    @Override
    default void close() throws IOException {
    }

    /** The source for {@code io}: JLine on the process's own terminal, else plain reads of {@code io.in()}. */
    static LineSource of(Io io) {
        if (io.terminal()) {
            try {
                return new Editing(TerminalBuilder.builder().system(true).dumb(false).build());
            } catch (IOException | RuntimeException e) {
                // no terminal JLine can drive (an exotic one): the plain prompt still works
            }
        }
        return new Plain(io.in(), io.terminal() ? io.out() : null);
    }

    /** Plain lines; a prompt only when {@code prompts} is given (a terminal). */
    record Plain(BufferedReader in, PrintWriter prompts) implements LineSource {
        @Override
        public String readLine(String prompt) throws IOException {
            if (prompts != null) {
                prompts.print(prompt);
                prompts.flush();
            }
            return in.readLine();
        }
    }

    /** JLine's editor with its in-memory history; Ctrl+C clears the line, Ctrl+D ends. */
    final class Editing implements LineSource {

        private final Terminal terminal;
        private final LineReader reader;

        Editing(Terminal terminal) {
            this.terminal = terminal;
            this.reader = LineReaderBuilder.builder().terminal(terminal).appName("aiq-dev").build();
        }

        @Override
        public String readLine(String prompt) {
            while (true) {
                try {
                    return reader.readLine(prompt);
                } catch (UserInterruptException e) {
                    // Ctrl+C drops what was typed, as in a shell; q or Ctrl+D leaves
                } catch (EndOfFileException e) {
                    return null;
                }
            }
        }

        @Override
        public void close() throws IOException {
            terminal.close();
        }
    }
}
