package dev.aiq.sample.configs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.api.DevMode;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.HostProcess;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The agent option {@code watch=}: a file the provider reads but no config names ({@link WatchedFileHost}'s
 * {@code greeting.txt}) is watched, and a change to it alone reloads the config, however it is written: in place, by
 * temp file and atomic rename, or as a Kubernetes ConfigMap update (a symbolic link swapped).
 */
class WatchedFileIT {

    @TempDir
    Path temp;

    @Test
    void aChangeOfAFileNamedByWatchReloadsTheConfig() {
        ConfigDir dir = ConfigDir.in(temp.resolve("app"));
        Path greeting = dir.writeInPlace(WatchedFileHost.GREETING, "hello\n");

        try (HostProcess host = startWatching(dir, greeting)) {
            assertThat(ConfigsStatus.of(host).files("config.yml", "watchedFiles")).contains(
                    ConfigsStatus.realPath(dir.file("config.yml")), ConfigsStatus.realPath(greeting));

            Ticks.afterEdit(host, () -> dir.writeInPlace(WatchedFileHost.GREETING, "hi\n"),
                    "name=plain greeting=hi");
            Ticks.afterEdit(host, () -> dir.writeAtomically(WatchedFileHost.GREETING, "hey\n"),
                    "name=plain greeting=hey");
            Ticks.afterEdit(host, () -> dir.writeInPlace("config.yml", "name: fancy\n"),
                    "name=fancy greeting=hey");

            assertThat(Ticks.steps(host)).as("what the app got, tick by tick; %s", host).containsExactly(
                    "name=plain greeting=hello", "name=plain greeting=hi", "name=plain greeting=hey",
                    "name=fancy greeting=hey");
        }
    }

    @Test
    void aFileNamedByWatchMountedLikeAConfigMapReloadsTheConfigWhenTheMountSwaps() {
        ConfigDir dir = ConfigDir.in(temp.resolve("app"));
        Path greeting = dir.kubernetesSwap(WatchedFileHost.GREETING, "hello\n");

        try (HostProcess host = startWatching(dir, greeting)) {
            Ticks.afterEdit(host, () -> dir.kubernetesSwap(WatchedFileHost.GREETING, "hi\n"),
                    "name=plain greeting=hi");
            Ticks.afterEdit(host, () -> dir.kubernetesSwap(WatchedFileHost.GREETING, "hey\n"),
                    "name=plain greeting=hey");

            assertThat(Ticks.steps(host)).as("what the app got, tick by tick; %s", host).containsExactly(
                    "name=plain greeting=hello", "name=plain greeting=hi", "name=plain greeting=hey");
        }
    }

    /**
     * Writes {@code config.yml} into {@code dir} and starts the host over it with
     * {@code -javaagent:aiq-dev.jar=delay=0.05,watch=<greeting>}.
     */
    private HostProcess startWatching(ConfigDir dir, Path greeting) {
        Path config = dir.writeInPlace("config.yml", "name: plain\n");
        return AgentLoad.JAVAAGENT.start(
                HostProcess.mainClass(WatchedFileHost.class, DevMode.class, Yaml.class).args(config.toString()), temp,
                List.of("delay=0.05", "watch=" + greeting), "name=plain greeting=hello", config);
    }
}
