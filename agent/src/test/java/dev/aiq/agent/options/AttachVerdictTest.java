package dev.aiq.agent.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AttachVerdictTest {

    private static final String OPTIONS = "@/tmp/aiq-dev-options-123.txt";

    @Test
    void aRefusalComesBackForTheAttachItAnswersOnly() {
        String published = AttachVerdict.refused(OPTIONS, List.of("unknown option 'colour'", "two\nlines")).encode();

        AttachVerdict verdict = AttachVerdict.decode(published, OPTIONS);

        assertThat(verdict.refused()).isTrue();
        assertThat(verdict.reasons()).containsExactly("unknown option 'colour'", "two lines");
        assertThat(AttachVerdict.decode(published, "@/tmp/aiq-dev-options-456.txt")).isNull();
        assertThat(AttachVerdict.decode(null, OPTIONS)).as("an agent that publishes none").isNull();
    }

    @Test
    void anAppliedVerdictHasNoReasons() {
        AttachVerdict verdict = AttachVerdict.decode(AttachVerdict.applied(OPTIONS).encode(), OPTIONS);

        assertThat(verdict.refused()).isFalse();
        assertThat(verdict.reasons()).isEmpty();
    }

    @Test
    void theParsersProblemsReadAsRefusalsAndTheCliRefusesWhatTheAgentWould() {
        AgentOptions options = OptionsParser.parseLines(List.of("delay=100000", "colour=blue", "config=/x.yml"));

        assertThat(options.problems()).hasSize(2);
        assertThat(options.problems().stream().map(AttachVerdict::asRefusal))
                .containsExactly("option delay='100000': expected seconds between 0 and 86400",
                        "unknown option 'colour' (known: config, provider, delay, poll, events, watch, max_attempts,"
                                + " history, max_configs, log, timeout, override, root, known_loaders)");
        assertThat(OptionsParser.parseLines(List.of("delay=0", "poll=0")).problems()).isEmpty();
    }
}
