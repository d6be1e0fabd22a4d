package dev.aiq.sample.configs;

import static dev.aiq.sample.testing.DevModeLines.RELOADED;
import static dev.aiq.sample.testing.DevModeLines.WATCHING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.api.DevMode;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.HostProcess;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.Yaml;

/**
 * One loader read for two files on every tick ({@link TwoFilesHost}): under the agent each call gets its own file's
 * config at every step, never the other's and never null, and an edit of each file reaches its own config only.
 * The exact order of what the app saw is asserted over every tick, so one tick answered with the wrong config fails.
 * Each reload reaches the app's listeners with its config's file: a listener for every config hears both, a
 * listener for one file only that file's. Past the option {@code max_configs}, a call with a new identity runs the
 * loader's own code, so the app still gets what it asked for.
 */
class TwoFilesIT {

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(AgentLoad.class)
    void eachCallGetsItsOwnFilesConfigAndAnEditOfEachFileReachesOnlyItsOwnConfig(AgentLoad load) {
        ConfigDir dir = ConfigDir.in(temp.resolve("app"));
        Path root = dir.writeInPlace("root.yml", "name: alpha\n");
        Path tools = dir.writeInPlace("tools.yml", "name: hammer\n");

        try (HostProcess host = load.start(twoFilesHost(root, tools), temp, List.of("delay=0.05"),
                "root.name=alpha tools.name=hammer", root, tools)) {
            edit(host, () -> dir.writeInPlace("root.yml", "name: beta\n"), "root.name=beta tools.name=hammer",
                    "root.yml");
            assertGenerations(host, 2, 1);

            edit(host, () -> dir.writeAtomically("tools.yml", "name: wrench\n"), "root.name=beta tools.name=wrench",
                    "tools.yml");
            assertGenerations(host, 2, 2);

            edit(host, () -> dir.writeAtomically("root.yml", "name: gamma\n"), "root.name=gamma tools.name=wrench",
                    "root.yml");
            edit(host, () -> dir.writeInPlace("tools.yml", "name: saw\n"), "root.name=gamma tools.name=saw",
                    "tools.yml");
            assertGenerations(host, 3, 3);

            assertThat(Ticks.steps(host)).as("what the app got, tick by tick; %s", host).containsExactly(
                    "root.name=alpha tools.name=hammer",
                    "root.name=beta tools.name=hammer",
                    "root.name=beta tools.name=wrench",
                    "root.name=gamma tools.name=wrench",
                    "root.name=gamma tools.name=saw");
            assertThat(host.lines()).filteredOn(line -> line.startsWith("heard by every config: ")).as("%s", host)
                    .containsExactly(
                            "heard by every config: root.yml generation 2 name=beta",
                            "heard by every config: tools.yml generation 2 name=wrench",
                            "heard by every config: root.yml generation 3 name=gamma",
                            "heard by every config: tools.yml generation 3 name=saw");
            assertThat(host.lines()).filteredOn(line -> line.startsWith("heard by tools only: ")).as("%s", host)
                    .containsExactly(
                            "heard by tools only: tools.yml generation 2 name=wrench",
                            "heard by tools only: tools.yml generation 3 name=saw");
        }
    }

    @Test
    void pastMaxConfigsACallRunsItsOwnCodeSoTheAppStillGetsItsOwnFilesConfig() {
        ConfigDir dir = ConfigDir.in(temp.resolve("app"));
        Path root = dir.writeInPlace("root.yml", "name: alpha\n");
        Path tools = dir.writeInPlace("tools.yml", "name: hammer\n");

        try (HostProcess host = AgentLoad.JAVAAGENT.start(twoFilesHost(root, tools), temp,
                List.of("delay=0.05", "max_configs=1"), "root.name=alpha tools.name=hammer", root)) {
            Ticks.afterEdit(host, () -> dir.writeAtomically("root.yml", "name: beta\n"),
                    "root.name=beta tools.name=hammer");
            Ticks.afterEdit(host, () -> dir.writeAtomically("tools.yml", "name: wrench\n"),
                    "root.name=beta tools.name=wrench");

            assertThat(Ticks.steps(host)).as("what the app got, tick by tick; %s", host).containsExactly(
                    "root.name=alpha tools.name=hammer",
                    "root.name=beta tools.name=hammer",
                    "root.name=beta tools.name=wrench");
            ConfigsStatus status = ConfigsStatus.of(host);
            assertThat(status.configs()).as("%s", status.json()).containsOnlyKeys("root.yml");
            assertThat(host.lines()).as("%s", host).noneMatch(line -> line.contains(WATCHING + tools));
        }
    }

    /** Starts building the two-files host over {@code root} and {@code tools}. */
    static HostProcess.Builder twoFilesHost(Path root, Path tools) {
        return HostProcess.mainClass(TwoFilesHost.class, DevMode.class, Yaml.class)
                .args(root.toString(), tools.toString());
    }

    /** Makes {@code edit}; waits for the app to print {@code tick} and the agent to say it reloaded {@code name}. */
    private static void edit(HostProcess host, Runnable edit, String tick, String name) {
        int mark = Ticks.afterEdit(host, edit, tick);
        host.awaitLineAfter(mark, RELOADED + " [" + name + "]");
    }

    private static void assertGenerations(HostProcess host, long root, long tools) {
        ConfigsStatus status = ConfigsStatus.of(host);
        assertThat(status.configs()).as("%s", status.json()).containsOnlyKeys("root.yml", "tools.yml");
        assertThat(status.generation("root.yml")).as("root.yml's generation in %s", status.json()).isEqualTo(root);
        assertThat(status.generation("tools.yml")).as("tools.yml's generation in %s", status.json()).isEqualTo(tools);
    }
}
