package dev.aiq.sample.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertLinesMatch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiq.sample.testing.Cli;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.ControlItConfig;
import dev.aiq.sample.testing.HostApi;
import dev.aiq.sample.testing.HostProcess;
import dev.aiq.sample.testing.ProcessSockets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aiq-dev command line, as a real process, driving a sample host started with the agent and with watching off
 * ({@code poll=0,events=false}), so only the commands change what the host runs. One host serves every test: each
 * test writes the config it needs and asserts relative to the generation it finds.
 */
class ControlCommandsIT {

    private static final String TEMPERATURE = "llms.nim_llm.temperature";

    @TempDir
    static Path temp;

    private static ConfigDir dir;
    private static Path config;
    private static HostProcess host;
    private static HostApi api;
    private static String pid;

    @BeforeAll
    static void startTheHostWithTheAgentAndWatchingOff() {
        dir = ConfigDir.in(temp);
        config = dir.writeInPlace("config.yml", ControlItConfig.with("0.7", 1024));
        host = HostProcess.serve(config).jvmArgs("-javaagent:" + Cli.jar() + "=poll=0,events=false,delay=0").start();
        api = HostApi.at(host.port());
        pid = Long.toString(host.process().pid());
        host.awaitLine("Development Mode Active");
        // the control socket opens just after the banner
        await().atMost(HostProcess.TIMEOUT).until(() -> controlSocket() != null);
    }

    @AfterAll
    static void stopTheHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void listShowsTheHostWithItsJarAndDevModeActive() {
        JsonNode entry = await().atMost(HostProcess.TIMEOUT)
                .until(() -> listed(Cli.run("list", "--json")), answered -> answered.hasNonNull("javaVersion"));
        Cli.Result table = Cli.run("list");

        assertThat(entry.path("main").asText()).isEqualTo(sampleHostJar());
        assertThat(entry.path("displayName").asText()).isEqualTo(displayName());
        assertThat(entry.path("devMode").asBoolean()).isTrue();
        assertThat(entry.path("controlSocket").asText()).isEqualTo(controlSocket()).endsWith("/" + pid + ".sock");
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.outLines()).as(table.toString()).anyMatch(line -> line.matches(
                "\\s*" + pid + "\\s+\\S+\\s+active\\s+" + Pattern.quote(displayName())));
    }

    @Test
    void statusAsJsonShowsTheGenerationTheConfigFileAndTheWatchedFiles() {
        Cli.Result status = Cli.run("status", pid, "--json");

        JsonNode json = status.json();
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(json.path("active").asBoolean()).isTrue();
        assertThat(json.path("pid").asText()).isEqualTo(pid);
        assertThat(texts(json.path("providers"))).containsExactly("dev.aiq.sample.config.ConfigLoader#load");
        assertThat(json.path("configs")).as("one config: the sample host's").hasSize(1);
        JsonNode only = json.path("configs").path(0);
        assertThat(only.path("generation").asLong()).isPositive().isEqualTo(api.generation());
        assertThat(only.path("configFile").asText()).isEqualTo(config.toString());
        assertThat(only.path("name").asText()).isEqualTo("config.yml");
        assertThat(texts(only.path("watchedFiles"))).containsExactly(config.toString());
        assertThat(only.path("provider").asText()).isEqualTo("dev.aiq.sample.config.ConfigLoader#load");
        assertThat(only.path("events").asBoolean()).isFalse();
        assertThat(only.path("pollSeconds").asDouble()).isZero();
    }

    @Test
    void withWatchingOffAnEditWaitsForReloadAndValidateOnlyReportsItWithoutApplyingIt() {
        long generation = api.generation();
        String before = api.temperature();
        dir.writeInPlace("config.yml", ControlItConfig.with("0.25", 1024));

        Cli.Result dryRun = Cli.run("reload", pid, "--validate-only");

        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.outLines()).as(dryRun.toString()).startsWith(
                "Configuration is valid (generation " + generation + ")",
                "  " + TEMPERATURE + ": " + before + " -> 0.25");
        assertThat(api.generation()).isEqualTo(generation);
        assertThat(api.temperature()).isEqualTo(before);

        Cli.Result reload = Cli.run("reload", pid);

        assertThat(reload.exitCode()).as(reload.toString()).isZero();
        assertThat(reload.outLines()).as(reload.toString()).startsWith(
                "Configuration reloaded successfully (generation " + (generation + 1) + ")",
                "  " + TEMPERATURE + ": " + before + " -> 0.25");
        assertThat(api.generation()).isEqualTo(generation + 1);
        assertThat(api.temperature()).isEqualTo("0.25");
    }

    @Test
    void validateInTheAppRejectsABadFileWithItsReasonAndChangesNothing() {
        long generation = api.generation();
        JsonNode liveConfig = api.configJson();
        Path duplicateKey = dir.copyResource("control-it/duplicate-key.yml");
        Path outOfRange = dir.copyResource("control-it/temperature-out-of-range.yml");

        Cli.Result syntax = Cli.run("validate", pid, "--config_file", duplicateKey.toString());
        Cli.Result appRule = Cli.run("validate", pid, "--config_file", outOfRange.toString());

        assertThat(syntax.exitCode()).as(syntax.toString()).isOne();
        assertThat(syntax.out()).isEqualTo("duplicate-key.yml:12:5: duplicate key 'temperature'\n");
        assertThat(appRule.exitCode()).as(appRule.toString()).isOne();
        assertThat(appRule.out()).isEqualTo("temperature-out-of-range.yml:11:5: " + TEMPERATURE
                + ": temperature 5.0 is outside 0..2\n");
        assertThat(api.generation()).isEqualTo(generation);
        assertThat(api.configJson()).isEqualTo(liveConfig);
    }

    @Test
    void rollbackTwoStepsPutsBackTheConfigOfTwoGenerationsBefore() {
        for (String temperature : List.of("0.31", "0.32", "0.33")) {
            dir.writeInPlace("config.yml", ControlItConfig.with(temperature, 1024));
            Cli.Result reload = Cli.run("reload", pid);
            assertThat(reload.exitCode()).as(reload.toString()).isZero();
        }
        long generation = api.generation();

        Cli.Result rollback = Cli.run("rollback", pid, "--steps", "2");

        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        assertThat(rollback.outLines()).as(rollback.toString()).startsWith(
                "Configuration rolled back to generation " + (generation - 2) + " (generation " + (generation + 1)
                        + ")",
                "  " + TEMPERATURE + ": 0.33 -> 0.31");
        assertThat(api.temperature()).isEqualTo("0.31");
        assertThat(api.generation()).isEqualTo(generation + 1);
    }

    @Test
    void aLiveOverrideWinsOverTheFileSurvivesAReloadAndUnsetBringsBackTheFilesValue() {
        dir.writeInPlace("config.yml", ControlItConfig.with("0.61", 100));
        assertThat(Cli.run("reload", pid).exitCode()).isZero();

        Cli.Result set = Cli.run("set", pid, TEMPERATURE, "0.3");

        assertThat(set.exitCode()).as(set.toString()).isZero();
        assertThat(set.outLines()).as(set.toString()).startsWith(
                "Configuration reloaded successfully (generation " + api.generation() + ")",
                "  " + TEMPERATURE + ": 0.61 -> 0.3");
        assertThat(api.temperature()).isEqualTo("0.3");

        dir.writeInPlace("config.yml", ControlItConfig.with("0.62", 200));
        Cli.Result reload = Cli.run("reload", pid);

        assertThat(reload.exitCode()).as(reload.toString()).isZero();
        assertThat(reload.outLines()).as(reload.toString()).startsWith(
                "Configuration reloaded successfully (generation " + api.generation() + ")",
                "  llms.nim_llm.max_tokens: 100 -> 200");
        assertThat(reload.outLines()).as("the file's edit is listed, and the override that wins")
                .contains("  " + TEMPERATURE + ": 0.61 -> 0.62 in the file; 0.3 stays (a live override: aiq-dev set)");
        assertThat(api.temperature()).isEqualTo("0.3");
        assertThat(api.configJson().path("llms").path("nim_llm").path("max_tokens").asInt()).isEqualTo(200);

        Cli.Result unset = Cli.run("unset", pid, TEMPERATURE);

        assertThat(unset.exitCode()).as(unset.toString()).isZero();
        assertThat(unset.outLines()).as(unset.toString()).contains("  " + TEMPERATURE + ": 0.3 -> 0.62");
        assertThat(api.temperature()).isEqualTo("0.62");
    }

    @Test
    void interactiveTakesItsCommandsThroughAPipeUntilQ() {
        String before = api.temperature();
        long generation = api.generation();
        dir.writeInPlace("config.yml", ControlItConfig.with("0.41", 1024));

        Cli.Result session = Cli.runWithInput("""
                i
                r
                s
                bogus
                set llms.nim_llm.temperature 0.4
                unset llms.nim_llm.temperature
                q
                set llms.nim_llm.temperature 1.95
                """, "interactive", pid);

        assertThat(session.exitCode()).as("bogus failed, on a pipe: %s", session).isEqualTo(1);
        assertLinesMatch(List.of(
                "aiq-dev interactive: " + pid + " \\(.*\\)\\. Type help for the commands, q to quit\\.",
                "aiq-dev active in " + pid + " \\(.*\\)",
                "  config      " + config,
                "  generation  " + generation + " \\(sha256 [0-9a-f]{12}\\)",
                ">> the rest of the status >>",
                "Configuration reloaded successfully \\(generation " + (generation + 1) + "\\)",
                "  " + TEMPERATURE + ": " + before + " -> 0.41",
                ">> other changes, timings >>",
                "\\s+GEN\\s+WHEN\\s+CAUSE\\s+SHA256\\s+FILES",
                "\\s+" + (generation + 1) + "\\s+\\S+ \\S+\\s+reload\\s+[0-9a-f]{12}\\s+config\\.yml",
                ">> older configs >>",
                "Configuration reloaded successfully \\(generation " + (generation + 2) + "\\)",
                "  " + TEMPERATURE + ": 0.41 -> 0.4",
                ">> timings >>",
                "Configuration reloaded successfully \\(generation " + (generation + 3) + "\\)",
                "  " + TEMPERATURE + ": 0.4 -> 0.41",
                ">> timings >>"), session.outLines(), session.toString());
        assertThat(session.out()).as("nothing runs after q").doesNotContain("-> 1.95");
        assertThat(session.err()).isEqualTo("unknown command 'bogus'; type help for the commands\n");
        assertThat(api.temperature()).isEqualTo("0.41");
        assertThat(api.generation()).isEqualTo(generation + 3);
    }

    @Test
    void controlSocketIsPrivateToItsUserAndTheHostListensOnNoTcpPortButItsOwn() throws IOException {
        Path socket = Path.of(controlSocket());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
                .isEqualTo("rwx------");
        assertThat(Files.getOwner(socket)).isEqualTo(Files.getOwner(config));
        assertThat(ProcessSockets.listeningTcpPorts(host.process().pid())).isEqualTo(Set.of(api.port()));
    }

    private static String controlSocket() {
        return ProcessSockets.systemProperties(host.process().pid()).getProperty("aiq.dev.control");
    }

    private static JsonNode listed(Cli.Result list) {
        assertThat(list.exitCode()).as(list.toString()).isZero();
        return StreamSupport.stream(list.json().path("jvms").spliterator(), false)
                .filter(jvm -> jvm.path("pid").asText().equals(pid))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the host is not listed: " + list));
    }

    private static String sampleHostJar() {
        return Path.of(System.getProperty("sample.host.jar", "target/sample-host.jar")).toAbsolutePath().toString();
    }

    private static String displayName() {
        return sampleHostJar() + " serve fastapi --config_file " + config;
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
