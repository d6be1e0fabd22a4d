package dev.aiq.sample.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.junit.AppProcess;
import dev.aiq.sample.testing.HostProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's alias bomb of long strings, against a live host: a 2.9 MB file with 500 aliases of one 2 MB string
 * (once a 1 GB console line and 7.5 GB of the host's heap) is refused in one line, the host keeps its config, and
 * its live heap after the refusal is within a few megabytes of what it was (the watcher keeps the file's bytes).
 */
class AliasBombIT {

    private static final long HEAP_SLACK_KB = 24 * 1024;

    @TempDir
    Path temp;

    @Test
    void fiveHundredAliasesOfALongStringAreRefusedInOneLineAndLeaveTheHeapAsItWas() {
        Workspace workspace = new Workspace(temp, Workspace.resource("reliability/config.yml"), text -> { });
        try (AppProcess host = Hosts.sampleHost(workspace.config(), "delay=0",
                "-XX:+UseSerialGC", "-XX:SoftRefLRUPolicyMSPerMB=0")) {
            HostProcess.port(host);
            host.awaitLine("Watching config: " + workspace.config());
            ProcessResources before = ProcessResources.of(host.pid());
            int mark = host.mark();

            StringBuilder bomb = new StringBuilder(workspace.good()).append("eval:\n  big: &big \"")
                    .append("x".repeat(2_000_000)).append("\"\n  copies:\n");
            for (int i = 0; i < 500; i++) {
                bomb.append("    - *big\n");
            }
            workspace.write(bomb.toString());

            String refused = host.awaitLineAfter(mark, "Configuration reload failed");
            assertThat(refused).as("one line, and short").hasSizeLessThan(400)
                    .endsWith("config.yml: the config expands to more than 16 M characters of text through aliases or"
                            + " repeated includes; refused as an alias bomb");
            ProcessResources after = ProcessResources.of(host.pid());
            System.out.printf("AliasBombIT: live heap %d KB -> %d KB%n", before.liveHeapKb(), after.liveHeapKb());
            assertThat(after.liveHeapKb()).as("live heap in KB, before: %s", before)
                    .isLessThanOrEqualTo(before.liveHeapKb() + HEAP_SLACK_KB);
            assertThat(host.lines()).noneMatch(line -> line.length() > 10_000);
            assertThat(host.isAlive()).isTrue();
        }
    }
}
