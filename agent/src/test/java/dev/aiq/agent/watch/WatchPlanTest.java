package dev.aiq.agent.watch;

import static dev.aiq.agent.watch.WatcherUnderTest.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.junit.ConfigEditor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guards which directories and entry names the watcher registers for a file and its symlink chain. */
class WatchPlanTest {

    @TempDir
    Path dir;

    @Test
    void aPlainFileIsWatchedInItsDirectoryByItsName() {
        Path config = write(dir.resolve("config.yml"), "a: 1\n");

        assertThat(WatchPlan.of(List.of(config)).names()).containsExactly(Map.entry(dir, Set.of("config.yml")));
    }

    @Test
    void aConfigMapIsWatchedAlongItsWholeLinkChain() throws Exception {
        ConfigEditor volume = ConfigEditor.in(dir.resolve("volume"));
        Path config = volume.kubernetesSwap("config.yml", "a: 1\n");

        WatchPlan plan = WatchPlan.of(List.of(config));

        assertThat(plan.names()).containsOnly(
                Map.entry(dir.resolve("volume"), Set.of("config.yml", "..data")),
                Map.entry(volume.configMapVersion(), Set.of("config.yml")));
        assertThat(plan.isRelevant(dir.resolve("volume"), "..data_tmp")).isFalse();
    }

    @Test
    void anAbsoluteLinkAndALinkedDirectoryAreFollowed() throws Exception {
        Path real = write(dir.resolve("real/settings/config.yml"), "a: 1\n");
        Files.createSymbolicLink(dir.resolve("settings-link"), dir.resolve("real/settings"));
        Files.createDirectories(dir.resolve("app"));
        Files.createSymbolicLink(dir.resolve("app/config.yml"), dir.resolve("settings-link/config.yml"));

        WatchPlan plan = WatchPlan.of(List.of(dir.resolve("app/config.yml")));

        assertThat(plan.names()).containsOnly(
                Map.entry(dir.resolve("app"), Set.of("config.yml")),
                Map.entry(dir, Set.of("settings-link")),
                Map.entry(real.getParent(), Set.of("config.yml")));
    }

    @Test
    void aMissingDirectoryIsWatchedFromItsNearestExistingAncestor() {
        WatchPlan plan = WatchPlan.of(List.of(dir.resolve("gone/deeper/config.yml")));

        assertThat(plan.names()).containsExactly(Map.entry(dir, Set.of("gone")));
    }

    @Test
    void aDanglingLinkIsWatchedWhereItsTargetWouldAppear() throws Exception {
        Files.createSymbolicLink(dir.resolve("config.yml"), Path.of("versions/v2.yml"));
        Files.createDirectories(dir.resolve("versions"));

        WatchPlan plan = WatchPlan.of(List.of(dir.resolve("config.yml")));

        assertThat(plan.names()).containsOnly(
                Map.entry(dir, Set.of("config.yml")),
                Map.entry(dir.resolve("versions"), Set.of("v2.yml")));
    }

    @Test
    void aLinkLoopEndsTheWalk() throws Exception {
        Files.createSymbolicLink(dir.resolve("a.yml"), Path.of("b.yml"));
        Files.createSymbolicLink(dir.resolve("b.yml"), Path.of("a.yml"));

        WatchPlan plan = WatchPlan.of(List.of(dir.resolve("a.yml")));

        assertThat(plan.names()).containsExactly(Map.entry(dir, Set.of("a.yml", "b.yml")));
    }
}
