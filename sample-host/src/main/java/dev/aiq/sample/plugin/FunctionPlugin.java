package dev.aiq.sample.plugin;

import java.util.List;

/**
 * A function {@code _type} a plugin jar adds to the sample host: found with {@link java.util.ServiceLoader} in the
 * jars and class directories of the host's {@code --plugins} directory (list the class in
 * {@code META-INF/services/dev.aiq.sample.plugin.FunctionPlugin}; it needs a public no-argument constructor).
 *
 * <p>A config then uses it like a built-in one: {@code functions: {loud: {_type: shout}}} and {@code loud} among the
 * workflow's {@code tool_names}. Under aiq-dev a rebuilt jar is picked up while the host runs.
 */
public interface FunctionPlugin {

    /**
     * Returns the {@code _type} this plugin provides.
     *
     * @return the type name, not null; a built-in type of the same name wins
     */
    String type();

    /**
     * Returns the lower-case words or phrases of a question that make the agent call this function.
     *
     * @return the cues, not null
     */
    List<String> cues();

    /**
     * Answers {@code question}, on one line.
     *
     * @param question the user's question, not null
     * @return the function's output, not null
     */
    String call(String question);
}
