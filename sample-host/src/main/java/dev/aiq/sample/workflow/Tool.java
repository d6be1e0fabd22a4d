package dev.aiq.sample.workflow;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Internal. A fake tool: a name, the words in a question that make an agent call it, and what it returns.
 *
 * @param name   the key the config gives it
 * @param cues   lower-case words or phrases that make an agent call this tool
 * @param action maps the question to the tool's output, on one line
 */
record Tool(String name, List<String> cues, UnaryOperator<String> action) {

    /** Tells whether an agent would call this tool for {@code question}: it names the tool or one of its cues. */
    boolean isCalledFor(String question) {
        String text = question.toLowerCase(Locale.ROOT);
        if (text.contains(name.toLowerCase(Locale.ROOT))) {
            return true;
        }
        return cues.stream().anyMatch(text::contains);
    }

    /** Runs the tool on {@code question}. */
    String call(String question) {
        return action.apply(question);
    }
}
