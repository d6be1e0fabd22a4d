package dev.aiq.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiq.agent.control.FakeDevModeControl;
import dev.aiq.agent.protocol.ProtocolJson;
import dev.aiq.agent.protocol.ReloadOutcome;
import dev.aiq.agent.protocol.Timings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The commands that drive a control served.socket(), run in-process against a plane over a fake control. */
class ControlCommandsTest {

    private static final String AT_LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault()).format(FakeDevModeControl.AT);

    @TempDir
    Path tmp;

    private final FakeDevModeControl control = new FakeDevModeControl();
    @RegisterExtension
    final ServedControl served = new ServedControl(control);

    @Test
    void statusShowsAnAlignedSummary() {
        Cli.Result result = Cli.run("status", served.socket());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(String.join("\n",
                "aiq-dev active in 4242 (" + served.socket() + ")",
                "  config      /srv/app/config.yml",
                "  generation  7 (sha256 ab12cd34ef56)",
                "  last        RELOAD ok at " + AT_LOCAL + ": Configuration reloaded successfully",
                "  attempts    0 of 3",
                "  provider    com.acme.ConfigLoader#load",
                "  watching    /srv/app/config.yml",
                "              /srv/app/base.yml",
                "  delay       0.5 s",
                "  polling     every 10 s, file events on",
                "  overrides   llms.nim_llm.temperature=0.8 (app)",
                "              llms.nim_llm.api_key=**** (live)",
                "  history     4 configs kept",
                ""));
    }

    @Test
    void statusAsJsonIsTheStatusRecord() throws IOException {
        Cli.Result result = Cli.run("status", served.socket(), "--json");

        JsonNode status = ProtocolJson.mapper().readTree(result.out());
        assertThat(result.exitCode()).isZero();
        assertThat(status.path("pid").asLong()).isEqualTo(4242);
        assertThat(status.path("configs")).hasSize(1);
        assertThat(status.path("configs").get(0).path("generation").asLong()).isEqualTo(7);
        assertThat(status.path("configs").get(0).path("watchedFiles")).hasSize(2);
    }

    @Test
    void reloadPrintsTheMessageTheChangesAndTheTimings() {
        Cli.Result result = Cli.run("reload", served.socket());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("""
                Configuration reloaded successfully (generation 7)
                  llms.nim_llm.temperature: 0.7 -> 0.9
                  read 1.5 ms, validate 2.3 ms, apply 3.0 ms
                """);
        assertThat(control.calls()).containsExactly("reload(false)");
    }

    @Test
    void failedReloadPrintsEveryErrorAndExitsOne() {
        control.answerWith(new ReloadOutcome(ReloadOutcome.Kind.RELOAD, false, 6,
                "Configuration reload failed (attempt 1/3): config.yml:12:5: duplicate key 'temperature'",
                List.of("config.yml:12:5: duplicate key 'temperature'", "config.yml:20:3: unknown llm 'nim'"),
                List.of(), Timings.NONE, FakeDevModeControl.AT));

        Cli.Result result = Cli.run("reload", served.socket(), "--validate-only");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEqualTo("""
                Configuration reload failed (attempt 1/3): config.yml:12:5: duplicate key 'temperature'
                  config.yml:20:3: unknown llm 'nim'
                """);
        assertThat(control.calls()).containsExactly("reload(true)");
    }

    @Test
    void failedReloadAsJsonStillExitsOne() throws IOException {
        control.answerWith(new ReloadOutcome(ReloadOutcome.Kind.RELOAD, false, 6, "Configuration reload failed",
                List.of("config.yml:1:1: bad"), List.of(), Timings.NONE, FakeDevModeControl.AT));

        Cli.Result result = Cli.run("reload", served.socket(), "--json");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(ProtocolJson.mapper().readTree(result.out()).path("errors").get(0).asText())
                .isEqualTo("config.yml:1:1: bad");
    }

    @Test
    void validateInTheAppSendsTheFileAsAnAbsolutePath() {
        Cli.Result result = Cli.run("validate", served.socket(), "--config_file", "candidate.yml");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Configuration is valid (generation 7)\n");
        assertThat(control.calls()).containsExactly("validate(" + Path.of("candidate.yml").toAbsolutePath() + ")");
    }

    @Test
    void diffPrintsOneLinePerChange() {
        Cli.Result result = Cli.run("diff", served.socket(), "--from", "3", "--to", "5");

        assertThat(result.out()).isEqualTo("""
                llms.nim_llm.temperature: 0.7 -> 0.9
                workflow.max_iterations: (absent) -> 5
                """);
        assertThat(control.calls()).containsExactly("diff(3,5)");
    }

    @Test
    void historyIsATableNewestFirst() {
        Cli.Result result = Cli.run("history", served.socket());

        String earlier = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault())
                .format(FakeDevModeControl.AT.minusSeconds(60));
        assertThat(result.out()).isEqualTo(String.join("\n",
                "  GEN  WHEN                 CAUSE        SHA256        FILES",
                "    7  " + AT_LOCAL + "  file change  ab12cd34ef56  config.yml, base.yml",
                "    6  " + earlier + "  start        001122334455  config.yml",
                ""));
    }

    @Test
    void historyClearForgetsAllButTheLiveConfig() {
        Cli.Result result = Cli.run("history", served.socket(), "--clear");

        assertThat(result.out()).isEqualTo("history cleared; the live config is kept\n");
        assertThat(control.calls()).containsExactly("clearHistory()");
    }

    @Test
    void rollbackSetAndUnsetReachTheControl() {
        assertThat(Cli.run("rollback", served.socket(), "--steps", "2").out())
                .startsWith("Configuration rolled back successfully (generation 7)\n");
        assertThat(Cli.run("set", served.socket(), "llms.nim_llm.temperature", "0.9").exitCode()).isZero();
        assertThat(Cli.run("unset", served.socket(), "llms.nim_llm.temperature").exitCode()).isZero();

        assertThat(control.calls()).containsExactly("rollback(2)", "set(llms.nim_llm.temperature,0.9)",
                "unset(llms.nim_llm.temperature)");
    }

    @Test
    void detachSaysTheAppKeepsItsConfig() {
        control.onDetach(served.plane()::close);

        Cli.Result result = Cli.run("detach", served.socket());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .isEqualTo("aiq-dev detached from " + served.socket() + "; the app keeps its live config\n");
    }

    @Test
    void errorFromTheAgentIsOneLineOnStandardErrorAndExitsOne() {
        control.failWith(new IllegalArgumentException("no generation 3 in history (kept: 5 to 7)"));

        Cli.Result result = Cli.run("diff", served.socket(), "--from", "3");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("no generation 3 in history (kept: 5 to 7)\n");
    }

    @Test
    void socketThatNobodyServesIsAFailureNamingIt() throws IOException {
        Path dead = java.nio.file.Files.createFile(tmp.resolve("dead.sock"));

        Cli.Result result = Cli.run("status", dead.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("cannot reach aiq-dev at " + dead + ": ");
    }
}
