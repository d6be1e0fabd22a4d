package dev.aiq.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.agent.protocol.JvmStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code aiq-dev status} prints for a JVM before its first config, and what the agent could not do. */
class HumanStatusTest {

    private final StringWriter text = new StringWriter();
    private final HumanOutput human = new HumanOutput(new PrintWriter(text, true), ZoneOffset.UTC);

    @Test
    void jvmWithoutAConfigYetSaysWhichProviderItWaitsFor() {
        human.status(new JvmStatus(false, 4242, List.of("com.acme.ConfigLoader#load"), List.of(), List.of()), "4242");

        assertThat(lines()).containsExactly("aiq-dev inactive in 4242",
                "  waiting for the first call of com.acme.ConfigLoader#load");
    }

    @Test
    void anAgentThatKnowsWhyItIsNotActiveSaysSoInsteadOfClaimingTheProviderWasNeverCalled() {
        human.status(new JvmStatus(false, 4242, List.of("com.acme.ConfigLoader#load"), List.of(), List.of(),
                "could not call com.acme.ConfigLoader#load to read the running config from /x.yml: no such file"),
                "4242");

        assertThat(lines()).containsExactly("aiq-dev inactive in 4242",
                "  waiting: could not call com.acme.ConfigLoader#load to read the running config from /x.yml: no such "
                        + "file");
    }

    @Test
    void theWaitingReasonTravelsInTheProtocolAndAnOlderAgentsStatusStillReads() throws Exception {
        var mapper = dev.aiq.agent.protocol.ProtocolJson.mapper();
        JvmStatus waiting = new JvmStatus(false, 4242, List.of(), List.of(), List.of(), "no provider yet");

        assertThat(mapper.readValue(mapper.writeValueAsString(waiting), JvmStatus.class)).isEqualTo(waiting);
        assertThat(mapper.readValue("{\"active\":false,\"pid\":1,\"providers\":[],\"configs\":[],\"problems\":[]}",
                JvmStatus.class).waiting()).isNull();
    }

    @Test
    void problemsFollowTheConfigs() {
        human.status(new JvmStatus(false, 4242, List.of(), List.of(),
                List.of("option 'dealy' ignored: unknown option", "the control socket could not start")), "4242");

        assertThat(lines()).containsExactly("aiq-dev inactive in 4242",
                "  waiting for the first call of a config provider",
                "  problems  option 'dealy' ignored: unknown option",
                "            the control socket could not start");
    }

    private List<String> lines() {
        return text.toString().lines().toList();
    }
}
