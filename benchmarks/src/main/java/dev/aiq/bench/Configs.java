package dev.aiq.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Workflow configs the sample host accepts, written the way an editor saves them, each revision different from the
 * last only in {@code llms.nim_llm.temperature}. Internal.
 */
final class Configs {

    /** The main file's name in every config directory. */
    static final String MAIN = "config.yml";
    private static final String FILLER = "Answers questions about the sample knowledge base; use it for anything the"
            + " other tools do not cover, and quote the passage it returns. ";

    private Configs() {
    }

    /** A small config (~400 bytes) whose temperature encodes {@code revision}. */
    static String small(int revision) {
        return head(revision) + """
                functions:
                  current_datetime:
                    _type: current_datetime
                """ + workflow();
    }

    /**
     * Writes a config of about {@code totalBytes} in {@code dir}: {@value #MAIN} plus {@code includes} files that it
     * names with {@code !include}, the bytes spread evenly over all of them. The main file holds many small functions;
     * each included file holds one function with many {@code examples}.
     *
     * @return the main file
     */
    static Path writeSized(Path dir, int totalBytes, int includes, int revision) {
        int share = totalBytes / (includes + 1);
        StringBuilder main = new StringBuilder(head(revision)).append("functions:\n");
        main.append("  current_datetime:\n    _type: current_datetime\n");
        for (int file = 0; file < includes; file++) {
            String name = String.format(Locale.ROOT, "tool-%03d.yml", file);
            StringBuilder included = new StringBuilder("_type: wiki_search\nexamples:\n");
            for (int i = 0; included.length() < share; i++) {
                included.append("  example_").append(i).append(": \"").append(FILLER).append("\"\n");
            }
            write(dir.resolve(name), included.toString());
            main.append("  included_").append(file).append(": !include ").append(name).append('\n');
        }
        int mainStart = main.length();
        for (int i = 0; main.length() - mainStart < share; i++) {
            main.append("  tool_").append(i).append(":\n")
                    .append("    _type: wiki_search\n")
                    .append("    description: \"").append(FILLER).append("\"\n");
        }
        main.append(workflow());
        return write(dir.resolve(MAIN), main.toString());
    }

    /** Writes {@code text} to a temporary file beside {@code file}, then moves it into place atomically. */
    static Path write(Path file, String text) {
        try {
            Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            return Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns {@code text} with its first temperature set to that of {@code revision}. */
    static String withRevision(String text, int revision) {
        return text.replaceFirst("temperature: [0-9.]+", "temperature: " + temperature(revision));
    }

    /** Reads a file written by this class. */
    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String head(int revision) {
        return """
                general:
                  front_end:
                    _type: fastapi
                    host: 127.0.0.1
                    port: 0
                llms:
                  nim_llm:
                    _type: nim
                    model_name: meta/llama-3.1-70b-instruct
                    temperature: %s
                """.formatted(temperature(revision));
    }

    private static String workflow() {
        return """
                workflow:
                  _type: react_agent
                  tool_names: [current_datetime]
                  llm_name: nim_llm
                  verbose: false
                """;
    }

    /** A temperature unique to {@code revision} and within the sample host's 0..2. */
    private static String temperature(int revision) {
        return String.format(Locale.ROOT, "0.%06d", revision % 1_000_000);
    }
}
