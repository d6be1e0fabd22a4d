package dev.aiq.sample.shout;

import dev.aiq.sample.plugin.FunctionPlugin;
import java.util.List;
import java.util.Locale;

/**
 * The {@code shout} function: repeats the question in capitals. Edit {@link #call}, rebuild the jar into the sample
 * host's plugins directory, and the running host answers with the new code.
 */
public final class ShoutFunction implements FunctionPlugin {

    /** Creates the function; {@link java.util.ServiceLoader} calls this. */
    public ShoutFunction() {
    }

    @Override
    public String type() {
        return "shout";
    }

    @Override
    public List<String> cues() {
        return List.of("shout", "loud");
    }

    @Override
    public String call(String question) {
        return question.toUpperCase(Locale.ROOT) + "!";
    }
}
