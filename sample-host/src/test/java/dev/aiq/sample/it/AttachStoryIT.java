package dev.aiq.sample.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiq.sample.testing.Cli;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.ControlItConfig;
import dev.aiq.sample.testing.HostProcess;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code aiq-dev attach} tells at the command line when dev mode does not come: options refused (by the CLI's
 * own check, or by the agent in the target) exit 2 with the reason and change nothing; a config that cannot be read
 * exits 1 with the agent's reason, {@code status} says the same and exits 1, {@code list} says {@code loaded,
 * waiting}; a later attach with the right file makes it active.
 */
class AttachStoryIT {

    @TempDir
    Path temp;

    private ConfigDir dir;
    private Path config;
    private HostProcess host;
    private String pid;

    @BeforeEach
    void startTheHostWithoutTheAgent() {
        dir = ConfigDir.in(temp);
        config = dir.writeInPlace("attach-story-" + UUID.randomUUID() + ".yml", ControlItConfig.with("0.7", 1024));
        host = HostProcess.serve(config).jvmArgs("-XX:+EnableDynamicAgentLoading").start();
        host.port();
        pid = Long.toString(host.process().pid());
    }

    @AfterEach
    void stopTheHost() {
        host.close();
    }

    @Test
    void refusedOptionsExitTwoWithTheReasonAndNothingIsApplied() {
        Cli.Result outOfRange = Cli.run("attach", pid, "--delay", "100000");

        assertThat(outOfRange.exitCode()).as(outOfRange.toString()).isEqualTo(2);
        assertThat(outOfRange.err()).contains("refused, nothing attached").contains("delay='100000'")
                .contains("between 0 and 86400");

        Cli.Result unknown = Cli.run("attach", pid, "--option", "colour=blue");

        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown option 'colour'");
        assertThat(listed().path("devMode").asBoolean()).as("no agent was loaded").isFalse();

        Cli.Result attach = Cli.run("attach", pid, "--delay", "0");
        assertThat(attach.exitCode()).as(attach.toString()).isZero();
        Path other = dir.writeInPlace("other.yml", ControlItConfig.with("0.1", 64));

        Cli.Result conflicting = Cli.run("attach", pid, "--config_file", other.toString(), "--delay", "3");

        assertThat(conflicting.exitCode()).as(conflicting.toString()).isEqualTo(2);
        assertThat(conflicting.err()).contains("refused the options, nothing was applied")
                .contains("--config_file " + other + " conflicts with the config dev mode already serves (" + config
                        + ")");
        assertThat(host.stderr()).anyMatch(line -> line.contains("attach refused, nothing applied"));
        Cli.Result status = Cli.run("status", pid, "--json");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        JsonNode live = status.json().path("configs").path(0);
        assertThat(live.path("configFile").asText()).isEqualTo(config.toString());
        assertThat(live.path("delaySeconds").asDouble()).as("the refused delay of 3 s was not applied").isZero();
    }

    @Test
    void aFailedAttachSaysWhyEverywhereAndAnAttachWithTheRightFileMakesItActive() {
        Path missing = temp.resolve("missing.yml");

        Cli.Result failed = Cli.run("attach", pid, "--config_file", missing.toString());

        assertThat(failed.exitCode()).as(failed.toString()).isOne();
        assertThat(failed.err()).contains("but not active: could not call").contains(missing.toString())
                .contains("no such file").doesNotContain("--config_file)");

        Cli.Result status = Cli.run("status", pid);

        assertThat(status.exitCode()).as(status.toString()).isOne();
        assertThat(status.out()).contains("aiq-dev inactive in " + pid).contains("waiting: could not call")
                .contains(missing.toString()).doesNotContain("waiting for the first call");

        JsonNode waiting = listed();
        assertThat(waiting.path("devMode").asBoolean()).isTrue();
        assertThat(waiting.path("active").asBoolean()).isFalse();
        assertThat(waiting.path("state").asText()).startsWith("loaded, waiting: could not call");
        Cli.Result table = Cli.run("list");
        assertThat(table.out()).containsPattern("(?m)^ *" + pid + " +\\S+ +loaded, waiting: ");

        Cli.Result right = Cli.run("attach", pid, "--config_file", config.toString());

        assertThat(right.exitCode()).as(right.toString()).isZero();
        assertThat(right.out()).contains("aiq-dev active in " + pid).contains("watching " + config + ", generation");
        assertThat(Cli.run("status", pid).exitCode()).isZero();
        assertThat(listed().path("state").asText()).isEqualTo("active");
    }

    @Test
    void theAttachListenerIsStartedWithoutAThreadDumpAndNoTriggerFileIsLeft() throws Exception {
        int mark = host.mark();

        Cli.Result attach = Cli.run("attach", pid);

        assertThat(attach.exitCode()).as(attach.toString()).isZero();
        assertThat(host.linesAfter(mark)).as("SIGQUIT found its trigger file, so the JVM printed no thread dump")
                .noneMatch(line -> line.startsWith("Full thread dump"));
        Path cwd = Path.of("/proc", pid, "cwd").toRealPath();
        try (var files = java.nio.file.Files.list(cwd)) {
            assertThat(files.map(f -> f.getFileName().toString())).doesNotContain(".attach_pid" + pid);
        }
        Cli.Result again = Cli.run("attach", pid);
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("already active");
    }

    private JsonNode listed() {
        Cli.Result list = Cli.run("list", "--json");
        assertThat(list.exitCode()).as(list.toString()).isZero();
        return StreamSupport.stream(list.json().path("jvms").spliterator(), false)
                .filter(jvm -> jvm.path("pid").asText().equals(pid))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the host is not listed: " + list));
    }
}
