package dev.aiq.sample.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The end-to-end tests' workflow config ({@code it/workflow/config.yml}, whose {@code functions} are
 * {@code !include functions.yml}) as text, with the edits the tests make. Immutable: every edit returns a new one.
 *
 * <pre>{@code
 * Path config = WorkflowYaml.copyTo(dir);
 * dir.writeAtomically(WorkflowYaml.CONFIG, WorkflowYaml.fixture().temperature("0.37").text());
 * assertThat(api.answer(question)).startsWith(WorkflowYaml.answeredBy(WorkflowYaml.MODEL, "0.37"));
 * }</pre>
 */
public final class WorkflowYaml {

    /** The config file's name. */
    public static final String CONFIG = "config.yml";
    /** The name of the file the config includes as its {@code functions}. */
    public static final String FUNCTIONS = "functions.yml";
    /** A question the workflow answers with its LLM and its {@code wikipedia_search} tool (no clock: repeatable). */
    public static final String QUESTION = "Who is Ada Lovelace?";
    /** The fixture's {@code llms.nim_llm.model_name}. */
    public static final String MODEL = "meta/llama-3.1-70b-instruct";

    private static final String RESOURCES = "it/workflow/";

    private final String text;

    private WorkflowYaml(String text) {
        this.text = text;
    }

    /** Returns the fixture's {@code config.yml} as it is on the class path. */
    public static WorkflowYaml fixture() {
        return new WorkflowYaml(resource(CONFIG));
    }

    /** Returns the fixture's {@code functions.yml} as it is on the class path. */
    public static String functions() {
        return resource(FUNCTIONS);
    }

    /** Writes the fixture's {@code config.yml} and {@code functions.yml} into {@code dir}; returns the config. */
    public static Path copyTo(ConfigDir dir) {
        dir.writeInPlace(FUNCTIONS, functions());
        return dir.writeInPlace(CONFIG, fixture().text());
    }

    /**
     * Returns how the sample host's fake LLM starts each answer when {@code nim_llm} runs {@code model} at
     * {@code temperature}, for example {@code [nim_llm nim meta/llama-3.1-70b-instruct temperature=0.37]}.
     */
    public static String answeredBy(String model, String temperature) {
        return "[nim_llm nim " + model + " temperature=" + Double.parseDouble(temperature) + "]";
    }

    /** Sets {@code llms.nim_llm.temperature}. */
    public WorkflowYaml temperature(String value) {
        return withValue("temperature", value);
    }

    /** Sets {@code llms.nim_llm.model_name}. */
    public WorkflowYaml model(String name) {
        return withValue("model_name", name);
    }

    /** Sets {@code general.front_end.port}. */
    public WorkflowYaml port(int port) {
        return withValue("port", Integer.toString(port));
    }

    /**
     * Replaces {@code literal}, which must occur exactly once, with {@code replacement}.
     *
     * @throws IllegalArgumentException if {@code literal} occurs no or several times
     */
    public WorkflowYaml replace(String literal, String replacement) {
        int at = text.indexOf(literal);
        if (at < 0 || text.indexOf(literal, at + 1) >= 0) {
            throw new IllegalArgumentException("'" + literal + "' is not in the workflow config exactly once");
        }
        return new WorkflowYaml(text.substring(0, at) + replacement + text.substring(at + literal.length()));
    }

    /** Returns the YAML text. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    private WorkflowYaml withValue(String key, String value) {
        Matcher line = Pattern.compile("(?m)^([ \\t]+" + Pattern.quote(key) + ": ).*$").matcher(text);
        if (!line.find() || line.find(line.end())) {
            throw new IllegalArgumentException("'" + key + ":' is not in the workflow config exactly once");
        }
        line.reset().find();
        return new WorkflowYaml(text.substring(0, line.start()) + line.group(1) + value + text.substring(line.end()));
    }

    private static String resource(String name) {
        try (InputStream in = WorkflowYaml.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("no class-path resource " + RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
