package dev.aiq.sample.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiq.junit.AppProcess;
import dev.aiq.sample.testing.Cli;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.ControlItConfig;
import dev.aiq.sample.testing.HostApi;
import dev.aiq.sample.testing.HostProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aiq-dev show} and {@code aiq-dev follow} against a live sample host: show prints what the app runs (a live
 * override included, the secret masked); follow, started in another process, receives each outcome once (the
 * reload an edit makes, a live override, a dry run), ends with 0 on Ctrl+C and with 1 when the app dies.
 */
class ShowAndFollowIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "nvapi-follow-it-secret-value";

    @TempDir
    Path temp;

    @Test
    void showPrintsTheLiveEffectiveConfigMaskedWithOverridesAppliedAndRefusesAnUnknownPath() {
        try (Started started = start()) {
            Cli.Result set = Cli.run("set", started.pid, "llms.nim_llm.max_tokens", "256");
            assertThat(set.exitCode()).as(set.toString()).isZero();

            Cli.Result whole = Cli.run("show", started.pid);
            Cli.Result part = Cli.run("show", started.pid, "--path", "llms.nim_llm", "--json");
            Cli.Result missing = Cli.run("show", started.pid, "--path", "llms.other");

            assertThat(whole.exitCode()).as(whole.toString()).isZero();
            assertThat(whole.outLines().get(0)).startsWith("# config.yml, generation ");
            assertThat(whole.out()).contains("llms:\n  nim_llm:\n").contains("    max_tokens: 256\n")
                    .contains("    api_key: '****'\n").contains("  tool_names:\n    - current_datetime\n")
                    .doesNotContain(SECRET);
            JsonNode json = part.json();
            assertThat(part.exitCode()).as(part.toString()).isZero();
            assertThat(json.path("config").asText()).isEqualTo("config.yml");
            assertThat(json.path("path").asText()).isEqualTo("llms.nim_llm");
            assertThat(json.path("generation").asLong()).isEqualTo(started.api.generation());
            assertThat(json.path("value").path("max_tokens").isInt()).as(part.toString()).isTrue();
            assertThat(json.path("value").path("max_tokens").asInt()).isEqualTo(256);
            assertThat(json.path("value").path("temperature").isDouble()).isTrue();
            assertThat(json.path("value").path("api_key").asText()).isEqualTo("****");
            assertThat(part.out()).doesNotContain(SECRET);
            assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(1);
            assertThat(missing.err()).contains("no 'llms.other' in the live config");
        }
    }

    @Test
    void followReceivesTheReloadOfAnEditAndEndsWithZeroOnCtrlC() throws Exception {
        try (Started started = start(); AppProcess follower = follow(started.pid, "--json")) {
            JsonNode first = JSON.readTree(follower.awaitLine("\"following\""));
            assertThat(first.path("following").get(0).asText()).isEqualTo("config.yml");
            long generation = started.api.generation();

            started.dir.writeInPlace("config.yml", config("0.35"));
            Cli.Result reload = Cli.run("reload", started.pid);
            assertThat(reload.exitCode()).as(reload.toString()).isZero();

            JsonNode event = JSON.readTree(follower.awaitLine("\"event\":\"outcome\""));
            assertThat(event.path("config").asText()).isEqualTo("config.yml");
            JsonNode outcome = event.path("outcome");
            assertThat(outcome.path("kind").asText()).isEqualTo("RELOAD");
            assertThat(outcome.path("success").asBoolean()).isTrue();
            assertThat(outcome.path("generation").asLong()).isEqualTo(generation + 1);
            assertThat(outcome.path("changes").get(0).path("path").asText()).isEqualTo("llms.nim_llm.temperature");
            assertThat(outcome.path("changes").get(0).path("after").asDouble()).isEqualTo(0.35);
            assertThat(outcome.path("changes").get(0).path("after").isNumber()).isTrue();

            // every outcome once, with its own kind, as the app's console says it: no watcher's second look after the
            // reload, a live override, then a dry run, which the console also shows
            assertThat(Cli.run("set", started.pid, "llms.nim_llm.max_tokens", "512").exitCode()).isZero();
            assertThat(Cli.run("validate", started.pid).exitCode()).isZero();
            follower.awaitLine("\"kind\":\"VALIDATE\"");
            started.host.awaitLine("Dry run (aiq-dev validate): config.yml is valid; 0 value(s) would change");
            assertThat(follower.lines().stream().filter(line -> line.contains("\"event\":\"outcome\""))
                    .map(line -> read(line).path("outcome").path("kind").asText()))
                    .as(follower.toString()).containsExactly("RELOAD", "OVERRIDE", "VALIDATE");

            assertThat(ctrlC(follower)).as(follower.toString()).isZero();
        }
    }

    @Test
    void followSaysWhenTheAppDiesAndEndsWithOne() throws Exception {
        try (Started started = start(); AppProcess follower = follow(started.pid)) {
            follower.awaitLine("following config.yml of ");
            started.host.close();

            assertThat(follower.awaitExit()).as(follower.toString()).isEqualTo(1);
            assertThat(follower.lines()).anyMatch(line -> line.contains("has gone away"));
        }
    }

    @Test
    void interactiveEndsWithOneWhenTheAppDies() throws Exception {
        try (Started started = start(); AppProcess prompt = running(List.of("interactive", started.pid))) {
            prompt.awaitLine("aiq-dev interactive: ");
            started.host.close();

            assertThat(prompt.awaitExit()).as(prompt.toString()).isEqualTo(1);
            assertThat(prompt.lines()).anyMatch(line -> line.contains("has ended; leaving interactive"));
        }
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String config(String temperature) {
        return ControlItConfig.with(temperature, 1024).replace("    max_tokens: 1024\n",
                "    max_tokens: 1024\n    api_key: " + SECRET + "\n");
    }

    private Started start() {
        ConfigDir dir = ConfigDir.in(temp);
        Path config = dir.writeInPlace("config.yml", config("0.7"));
        HostProcess host = HostProcess.serve(config).jvmArgs("-javaagent:" + Cli.jar() + "=poll=0,events=false,delay=0")
                .start();
        host.awaitLine("Development Mode Active");
        String pid = Long.toString(host.process().pid());
        // the control socket opens just after the banner
        await().atMost(HostProcess.TIMEOUT).until(() -> Cli.run("status", pid).exitCode() == 0);
        return new Started(dir, host, HostApi.at(host.port()), pid);
    }

    /** A sample host with the agent, and how to reach it. */
    private record Started(ConfigDir dir, HostProcess host, HostApi api, String pid) implements AutoCloseable {
        @Override
        public void close() {
            host.close();
        }
    }

    /** {@code aiq-dev follow pid options} running as its own process, its output collected line by line. */
    private static AppProcess follow(String pid, String... options) {
        List<String> args = new ArrayList<>(List.of("follow", pid));
        args.addAll(List.of(options));
        return running(args);
    }

    /** {@code aiq-dev args} with its standard input left open, as a person at a prompt keeps it. */
    private static AppProcess running(List<String> args) {
        return AppProcess.jar(Cli.jar()).args(args).start();
    }

    /** Sends SIGINT, as Ctrl+C in a terminal does, and returns the exit code. */
    private static int ctrlC(AppProcess cli) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(cli.pid())).inheritIO().start();
        assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return cli.awaitExit();
    }
}
