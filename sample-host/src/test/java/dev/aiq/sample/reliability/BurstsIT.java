package dev.aiq.sample.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiq.junit.AppProcess;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.HostProcess;
import dev.aiq.sample.testing.Http;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bursts of edits: {@code reliability.bursts} bursts (20 in the test suite, 1,000 for the long run) of 10 writes 50 ms
 * apart, each saved the way a different editor saves (in place, temp file + rename, vim, JetBrains), against one
 * sample host under the agent ({@code delay=0.05}, so reloads land in the middle of bursts). After every burst the
 * live config must become the last content written; no write may fail.
 *
 * <p>Every write gives {@code llms.nim_llm.max_tokens} a new value (the write's number) and
 * {@code llms.nim_llm.temperature} one that follows it, so the last write of a burst is told apart from every other.
 * Spacing the writes 50 ms apart is the scenario itself; the wait for the result is Awaitility's.
 */
class BurstsIT {

    private static final int WRITES_PER_BURST = 10;
    private static final long SPACING_MS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<BiConsumer<ConfigDir, String>> EDITORS = List.of(
            (dir, text) -> dir.writeInPlace("config.yml", text),
            (dir, text) -> dir.writeAtomically("config.yml", text),
            (dir, text) -> dir.writeLikeVim("config.yml", text),
            (dir, text) -> dir.writeLikeJetBrains("config.yml", text));

    @TempDir
    Path temp;

    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopWriter() {
        writer.shutdownNow();
    }

    @Test
    void afterEveryBurstTheLiveConfigIsTheLastContentWritten() throws Exception {
        int bursts = Integer.getInteger("reliability.bursts", 20);
        Workspace workspace = new Workspace(temp, Workspace.resource("reliability/config.yml"), text -> { });
        ConfigDir dir = ConfigDir.in(workspace.config().getParent());
        try (AppProcess host = Hosts.sampleHost(workspace.config(), "delay=0.05")) {
            int port = HostProcess.port(host);
            host.awaitLine("Watching config: " + workspace.config());

            for (int burst = 0; burst < bursts; burst++) {
                List<Future<?>> writes = new ArrayList<>();
                for (int i = 0; i < WRITES_PER_BURST; i++) {
                    int write = burst * WRITES_PER_BURST + i + 1;
                    String text = workspace.goodWith("max_tokens: 1024", "max_tokens: " + maxTokens(write))
                            .replace("temperature: 0.7", "temperature: " + temperature(write));
                    BiConsumer<ConfigDir, String> editor = EDITORS.get(write % EDITORS.size());
                    writes.add(writer.schedule(() -> editor.accept(dir, text), i * SPACING_MS, TimeUnit.MILLISECONDS));
                }
                for (Future<?> write : writes) {
                    write.get(1, TimeUnit.MINUTES);
                }
                int last = (burst + 1) * WRITES_PER_BURST;
                int shown = burst;
                await("burst " + burst + " ending with write " + last).atMost(AppProcess.TIMEOUT)
                        .pollInterval(Duration.ofMillis(10))
                        .untilAsserted(() -> assertThat(llm(port)).as("the live LLM after burst %d; %s", shown, host)
                                .isEqualTo(maxTokens(last) + " " + temperature(last)));
            }

            assertThat(host.lines()).noneMatch(line -> line.startsWith("Configuration reload failed"))
                    .as("max_tokens is a number of tokens, not a secret")
                    .anyMatch(line -> line.matches("  llms\\.nim_llm\\.max_tokens: \\d+ -> \\d+"));
            int reloads = host.countAfter(0, "Configuration reloaded successfully");
            assertThat(reloads).isBetween(bursts, bursts * WRITES_PER_BURST);
            System.out.printf("BurstsIT: %d bursts, %d writes, %d reloads, %d empty or missing notices, no failure%n",
                    bursts, bursts * WRITES_PER_BURST, reloads, host.countAfter(0, "Configuration file is empty")
                            + host.countAfter(0, "Configuration file missing"));
        }
    }

    /** {@code max_tokens temperature} of the live config's LLM, as {@code GET /config} shows them. */
    private static String llm(int port) throws Exception {
        JsonNode llm = JSON.readTree(Http.get(port, "/config").body()).at("/llms/nim_llm");
        return llm.get("max_tokens").asInt() + " " + llm.get("temperature").asDouble();
    }

    private static int maxTokens(int write) {
        return 1000 + write;
    }

    private static double temperature(int write) {
        return write % 200 / 100.0;
    }
}
