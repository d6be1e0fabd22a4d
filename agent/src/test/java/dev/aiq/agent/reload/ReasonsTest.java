package dev.aiq.agent.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ReasonsTest {

    /** Stands for ADK's {@code ConfigurationException}: its own message only names the file. */
    static final class ConfigurationException extends RuntimeException {
        ConfigurationException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Test
    void adkWrappedReasonShowsTheInnerReasonWithTheFileAsContext() {
        Throwable thrown = new ConfigurationException("Failed to create agent from config: /app/root_agent.yaml",
                new ConfigurationException("Failed to create agent from config: /app/search.yaml",
                        new InvocationTargetException(new IllegalArgumentException("Agent instruction is required"))));

        assertThat(Reasons.of(thrown))
                .isEqualTo("Agent instruction is required (Failed to create agent from config: /app/search.yaml)");
    }

    @Test
    void wrappersThatOnlyRepeatTheirCauseAddNothing() {
        IllegalStateException reason = new IllegalStateException("llms.nim_llm._type: Unknown LLM type 'invalid_llm'");
        Throwable thrown = new CompletionException(new RuntimeException(new InvocationTargetException(reason)));

        assertThat(Reasons.of(thrown)).as("a dotted key stays first, so the engine can position it")
                .isEqualTo("llms.nim_llm._type: Unknown LLM type 'invalid_llm'");
    }

    @Test
    void aMessageOverSeveralLinesGivesItsFirstLineAndNoMessageGivesTheType() {
        assertThat(Reasons.of(new IllegalArgumentException("first line\n  at detail"))).isEqualTo("first line");
        assertThat(Reasons.of(new InvocationTargetException(new NullPointerException())))
                .isEqualTo("NullPointerException");
    }

    @Test
    void anOuterMessageThatAlreadyQuotesTheInnerOneIsEnough() {
        Throwable thrown = new IllegalStateException("could not load tools.yml: missing name",
                new IllegalArgumentException("missing name"));
        assertThat(Reasons.of(thrown)).isEqualTo("could not load tools.yml: missing name");
    }

    @Test
    void aCycleInTheCausesEnds() {
        IllegalStateException a = new IllegalStateException("outer");
        IllegalArgumentException b = new IllegalArgumentException("inner", a);
        a.initCause(b);
        assertThat(Reasons.of(a)).isEqualTo("inner (outer)");
    }
}
