package dev.aiq.sample.configs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiq.sample.testing.Cli;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.HostProcess;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line against a JVM with two configs ({@link TwoFilesHost}, started with the agent and with watching
 * off, so only the commands change what the app gets): {@code status --json} lists both, and {@code reload},
 * {@code rollback} and {@code set} with {@code --config} act on the config named and leave the other untouched;
 * without {@code --config} they refuse (exit 2) and name the configs. Effects are asserted on the app's ticks and on
 * {@code status}.
 */
class ConfigCommandsIT {

    private static final String FIRST = "root.name=alpha tools.name=hammer";

    @TempDir
    Path temp;

    private ConfigDir dir;
    private Path root;
    private Path tools;
    private HostProcess host;
    private String pid;

    @BeforeEach
    void startTheTwoFilesHostWithWatchingOff() {
        dir = ConfigDir.in(temp.resolve("app"));
        root = dir.writeInPlace("root.yml", "name: alpha\n");
        tools = dir.writeInPlace("tools.yml", "name: hammer\n");
        host = AgentLoad.JAVAAGENT.start(TwoFilesIT.twoFilesHost(root, tools), temp,
                List.of("poll=0", "events=false", "delay=0"), FIRST, root, tools);
        pid = Long.toString(host.process().pid());
    }

    @AfterEach
    void stopTheHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void statusAsJsonListsBothConfigsEachWithItsFileItsOwnGenerationAndNoLiveOverrides() {
        ConfigsStatus status = ConfigsStatus.of(host);

        assertThat(status.json().path("pid").asText()).isEqualTo(pid);
        assertThat(status.json().path("active").asBoolean()).isTrue();
        assertThat(status.configs()).as("%s", status.json()).containsOnlyKeys("root.yml", "tools.yml");
        for (Path file : List.of(root, tools)) {
            String name = file.getFileName().toString();
            JsonNode config = status.config(name);
            assertThat(ConfigsStatus.realPath(Path.of(config.path("configFile").asText())))
                    .as("%s", config).isEqualTo(ConfigsStatus.realPath(file));
            assertThat(config.path("generation").asLong()).as("%s", config).isEqualTo(1);
            assertThat(status.files(name, "watchedFiles")).as("%s", config)
                    .contains(ConfigsStatus.realPath(file))
                    .doesNotContain(ConfigsStatus.realPath(file.equals(root) ? tools : root));
            assertThat(config.path("liveOverrides").isEmpty()).as("%s", config).isTrue();
        }
    }

    @Test
    void reloadWithConfigReloadsThatConfigOnly() {
        dir.writeInPlace("root.yml", "name: beta\n");
        dir.writeInPlace("tools.yml", "name: wrench\n");
        int mark = host.mark();

        Cli.Result reload = run("reload", pid, "--config", "tools");

        assertThat(reload.outLines()).as("%s", reload).startsWith("Configuration reloaded successfully (generation 2)",
                "  name: hammer -> wrench");
        Ticks.await(host, mark, "root.name=alpha tools.name=wrench");
        assertUntouchedRootAndTools(1, 2, "root.name=alpha tools.name=wrench");
        ConfigsStatus status = ConfigsStatus.of(host);
        assertThat(status.config("tools.yml").path("last").path("kind").asText()).as("%s", status.json())
                .isEqualTo("RELOAD");
        assertThat(status.config("root.yml").path("last").path("kind").asText()).as("%s", status.json())
                .isNotEqualTo("RELOAD");
    }

    @Test
    void rollbackWithConfigRollsBackThatConfigOnly() {
        dir.writeInPlace("tools.yml", "name: wrench\n");
        run("reload", pid, "--config", "tools");
        Ticks.await(host, 0, "root.name=alpha tools.name=wrench");
        dir.writeInPlace("root.yml", "name: beta\n");
        int mark = host.mark();

        Cli.Result rollback = run("rollback", pid, "--config", tools.toString());

        assertThat(rollback.outLines()).as("%s", rollback).startsWith(
                "Configuration rolled back to generation 1 (generation 3)", "  name: wrench -> hammer");
        Ticks.await(host, mark, FIRST);
        assertUntouchedRootAndTools(1, 3, FIRST);
        assertThat(Ticks.steps(host)).containsExactly(FIRST, "root.name=alpha tools.name=wrench", FIRST);
    }

    @Test
    void setWithConfigOverridesAValueOfThatConfigOnly() {
        int mark = host.mark();

        Cli.Result set = run("set", pid, "--config", "root", "name", "zeta");

        assertThat(set.outLines()).as("%s", set).startsWith("Configuration reloaded successfully (generation 2)",
                "  name: alpha -> zeta");
        Ticks.await(host, mark, "root.name=zeta tools.name=hammer");
        assertUntouchedRootAndTools(2, 1, "root.name=zeta tools.name=hammer");
        ConfigsStatus status = ConfigsStatus.of(host);
        assertThat(status.config("root.yml").path("liveOverrides").path("name").asText()).isEqualTo("zeta");
        assertThat(status.config("tools.yml").path("liveOverrides").isEmpty()).isTrue();
    }

    @Test
    void withoutConfigTheCommandsThatActOnOneConfigExit2AndNameTheConfigs() {
        dir.writeInPlace("tools.yml", "name: wrench\n");

        for (List<String> command : List.of(List.of("reload", pid), List.of("rollback", pid),
                List.of("set", pid, "name", "zeta"))) {
            Cli.Result refused = Cli.run(command.toArray(String[]::new));
            assertThat(refused.exitCode()).as("%s", refused).isEqualTo(2);
            assertThat(refused.out() + refused.err()).as("%s", refused).contains("root.yml", "tools.yml");
        }

        assertUntouchedRootAndTools(1, 1, FIRST);
    }

    private static Cli.Result run(String... args) {
        Cli.Result result = Cli.run(args);
        assertThat(result.exitCode()).as("%s", result).isZero();
        return result;
    }

    /** Asserts both generations and that the next ticks all print {@code tick}: nothing else changed meanwhile. */
    private void assertUntouchedRootAndTools(long rootGeneration, long toolsGeneration, String tick) {
        ConfigsStatus status = ConfigsStatus.of(host);
        assertThat(status.generation("root.yml")).as("root.yml in %s", status.json()).isEqualTo(rootGeneration);
        assertThat(status.generation("tools.yml")).as("tools.yml in %s", status.json()).isEqualTo(toolsGeneration);
        assertThat(Ticks.awaitNext(host, host.mark(), 3)).as("%s", host).containsOnly(tick);
    }
}
