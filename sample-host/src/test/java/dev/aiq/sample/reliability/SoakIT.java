package dev.aiq.sample.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.junit.AppProcess;
import dev.aiq.sample.testing.HostProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak: {@code reliability.reloads} reloads (500 in the test suite, 10,000 for the long run) of one sample host
 * under the agent, one after the other, must leave it holding what it held before: no more live heap (1 MB of
 * slack), the same threads, the same open files and the same inotify watches.
 *
 * <p>The first reloads warm up the JVM and start every thread the agent starts lazily (its listener thread, the
 * attach listener {@code jcmd} adds), then the host is measured, then the soak runs, then it is measured again. The
 * host runs with a fixed set of JVM threads ({@code -XX:+UseSerialGC -XX:-UseDynamicNumberOfCompilerThreads}) so
 * that every thread that comes or goes is the app's or the agent's, clears soft references at every GC
 * ({@code -XX:SoftRefLRUPolicyMSPerMB=0}) so that caches do not count as heap the reloads kept, and receives no HTTP
 * request, so every open file is one the app or the agent keeps.
 */
class SoakIT {

    private static final long HEAP_SLACK_KB = 1024;

    @TempDir
    Path temp;

    @Test
    void reloadsLeaveHeapThreadsOpenFilesAndWatchesAsTheyWere() {
        int reloads = Integer.getInteger("reliability.reloads", 500);
        int warmUp = Math.max(30, reloads / 20);
        Workspace workspace = new Workspace(temp, Workspace.resource("reliability/config.yml"), text -> { });
        try (AppProcess host = Hosts.sampleHost(workspace.config(), "delay=0",
                "-XX:+UseSerialGC", "-XX:-UseDynamicNumberOfCompilerThreads", "-XX:SoftRefLRUPolicyMSPerMB=0")) {
            HostProcess.port(host);
            host.awaitLine("Watching config: " + workspace.config());
            for (int n = 1; n <= warmUp; n++) {
                reload(host, workspace, n);
            }
            ProcessResources before = ProcessResources.of(host.pid());

            for (int n = warmUp + 1; n <= warmUp + reloads; n++) {
                reload(host, workspace, n);
            }
            ProcessResources after = ProcessResources.of(host.pid());
            System.out.printf("SoakIT: %d reloads after %d to warm up; live heap %d KB -> %d KB, threads %d -> %d"
                            + " (aiq-dev %d -> %d), open files %d -> %d, inotify watches %d -> %d%n", reloads, warmUp,
                    before.liveHeapKb(), after.liveHeapKb(), before.threads().size(), after.threads().size(),
                    before.agentThreads(), after.agentThreads(), before.openFiles(), after.openFiles(),
                    before.inotifyWatches(), after.inotifyWatches());

            assertThat(after.liveHeapKb()).as("live heap in KB, before: %s", before)
                    .isLessThanOrEqualTo(before.liveHeapKb() + HEAP_SLACK_KB);
            assertThat(after.threads()).as("threads").isEqualTo(before.threads());
            assertThat(after.agentThreads()).as("aiq-dev threads").isEqualTo(before.agentThreads()).isPositive();
            assertThat(after.openFiles()).as("open files").isEqualTo(before.openFiles());
            assertThat(after.inotifyWatches()).as("inotify watches").isEqualTo(before.inotifyWatches()).isPositive();
            assertThat(host.lines()).noneMatch(line -> line.startsWith("Configuration reload failed"));
            assertThat(host.isAlive()).isTrue();
        }
    }

    /** Writes the {@code n}th config (its own {@code max_tokens}) and waits for the agent to apply it. */
    private static void reload(AppProcess host, Workspace workspace, int n) {
        int mark = host.mark();
        workspace.write(workspace.goodWith("max_tokens: 1024", "max_tokens: " + (2000 + n)));
        host.awaitLineAfter(mark, "Configuration reloaded successfully");
    }
}
