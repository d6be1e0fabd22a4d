package dev.aiq.sample.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.junit.AppProcess;
import dev.aiq.sample.testing.HostProcess;
import dev.aiq.sample.testing.Http;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults around a live host under the agent: the config directory deleted, a write that fails midway, the app's code
 * interrupting the agent's own threads. Each time the agent says exactly what happened, the next good edit applies,
 * and the host never dies.
 *
 * <p>The file-system faults share one sample host ({@code delay=0.05}); each test ends on the good config. The
 * interrupts need hooks the sample host does not have, so they run in a {@link TinyHost}.
 */
class FaultsIT {

    private static final String TEMPERATURE = "temperature: 0.7";

    @TempDir
    static Path temp;

    private static AppProcess host;
    private static Workspace workspace;
    private static int port;
    private static String baseline;

    @BeforeAll
    static void startHost() {
        workspace = new Workspace(temp.resolve("sample"), Workspace.resource("reliability/config.yml"), text -> { });
        host = Hosts.sampleHost(workspace.config(), "delay=0.05");
        port = HostProcess.port(host);
        host.awaitLine("Watching config: " + workspace.config());
        baseline = Http.get(port, "/config").body();
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @AfterEach
    void theHostStillServesAndAGoodEditApplies() {
        int mark = host.mark();
        workspace.restore("a good edit after the fault");

        // a fault that left the live config as it was makes the restore a comment-only save ("no values changed")
        host.awaitLineAfter(mark, "Configuration reloaded");
        assertThat(Http.get(port, "/config").body()).isEqualTo(baseline);
        assertThat(Http.get(port, "/health").status()).isEqualTo(200);
        assertThat(host.isAlive()).isTrue();
    }

    @Test
    void theConfigDirectoryDeletedIsReportedMissingAndItsReturnApplies() {
        int mark = host.mark();
        workspace.deleteDirectory();

        assertThat(host.awaitLineAfter(mark, "Configuration file missing"))
                .isEqualTo("Configuration file missing: " + workspace.config()
                        + " (keeping the live configuration until it is back)");
        assertThat(Http.get(port, "/config").body()).isEqualTo(baseline);

        mark = host.mark();
        workspace.recreate(workspace.goodWith(TEMPERATURE, "temperature: 0.2"));

        host.awaitLineAfter(mark, "  llms.nim_llm.temperature: 0.7 -> 0.2");
        assertThat(Http.get(port, "/config").body()).contains("\"temperature\":0.2");
    }

    @Test
    void aWriteThatFailedMidwayIsRejectedThenTheCompleteFileApplies() {
        String complete = workspace.goodWith(TEMPERATURE, "temperature: 0.2");
        String truncated = complete.substring(0, complete.indexOf("    temperature") + 10);
        int mark = host.mark();

        workspace.write(truncated);

        assertThat(host.awaitLineAfter(mark, "Configuration reload failed")).isEqualTo(
                "Configuration reload failed (attempt 1/3): config.yml:12:5: this key has no ':' after it");
        assertThat(Http.get(port, "/config").body()).isEqualTo(baseline);

        mark = host.mark();
        workspace.write(complete);

        host.awaitLineAfter(mark, "  llms.nim_llm.temperature: 0.7 -> 0.2");
        assertThat(Http.get(port, "/config").body()).contains("\"temperature\":0.2");
    }

    @Test
    void theAppInterruptingTheAgentsThreadsStopsNoReload() {
        Workspace tiny = new Workspace(temp.resolve("tiny"), "greeting: hello\na: 1\nb: 1\n", text -> { });
        try (AppProcess tinyHost = Hosts.tinyHost(tiny.config(), "delay=0.05")) {
            tinyHost.awaitLine("Watching config: ");

            int mark = tinyHost.mark();
            tiny.write("greeting: provider\na: 2\nb: 2\ninterrupt_provider: true\n");
            assertThat(tinyHost.awaitLineAfter(mark, "Configuration reload"))
                    .as("the provider interrupted the reload thread").isEqualTo("Configuration reloaded successfully");
            assertThat(tinyHost.awaitLineAfter(mark, "HOST applied")).startsWith("HOST applied generation 2 greeting=provider ");

            mark = tinyHost.mark();
            tiny.write("greeting: listener\na: 3\nb: 3\ninterrupt_listener: true\n");
            assertThat(tinyHost.awaitLineAfter(mark, "Configuration reload")).isEqualTo("Configuration reloaded successfully");
            assertThat(tinyHost.awaitLineAfter(mark, "HOST applied")).startsWith("HOST applied generation 3 greeting=listener ");

            mark = tinyHost.mark();
            tiny.write("greeting: after\na: 4\nb: 4\n");
            assertThat(tinyHost.awaitLineAfter(mark, "Configuration reload"))
                    .as("the reload after both interrupts").isEqualTo("Configuration reloaded successfully");
            assertThat(tinyHost.awaitLineAfter(mark, "HOST applied")).startsWith("HOST applied generation 4 greeting=after ");
            assertThat(tinyHost.lines()).noneMatch(line -> line.contains("failed"));
            assertThat(tinyHost.isAlive()).isTrue();
        }
    }
}
