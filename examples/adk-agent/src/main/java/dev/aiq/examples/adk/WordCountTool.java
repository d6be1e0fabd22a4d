package dev.aiq.examples.adk;

import com.google.adk.tools.Annotations.Schema;
import com.google.adk.tools.FunctionTool;
import java.util.Map;

/**
 * The example's tool: counts the words of a text. An agent's YAML names it as
 * {@code tools: - name: dev.aiq.examples.adk.WordCountTool.INSTANCE} (ADK resolves the public static field).
 */
public final class WordCountTool {

    /** The tool's name, as the model calls it. */
    static final String NAME = "word_count";

    /** The tool, for ADK's tool resolver. */
    public static final FunctionTool INSTANCE = FunctionTool.create(WordCountTool.class, "countWords");

    private WordCountTool() {
    }

    /** Counts the words of {@code text}. */
    @Schema(name = NAME, description = "Counts the words of a text")
    public static Map<String, Object> countWords(@Schema(name = "text", description = "The text") String text) {
        String trimmed = text.strip();
        return Map.of("words", trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length);
    }
}
