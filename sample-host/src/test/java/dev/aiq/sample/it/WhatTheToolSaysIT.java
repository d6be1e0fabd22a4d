package dev.aiq.sample.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiq.sample.testing.Cli;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.ControlItConfig;
import dev.aiq.sample.testing.HostApi;
import dev.aiq.sample.testing.HostProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tool says is what is, at the command line and on the app's console: a sample host started with
 * {@code --override llms.nim_llm.temperature 0.8} on its command line and the agent option
 * {@code override=llms.nim_llm.max_tokens=333} in an {@code @options} file, watching off, so only the commands
 * change what it runs. The first test looks at the host as it started; each other test works from the generation it
 * finds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WhatTheToolSaysIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEMPERATURE = "llms.nim_llm.temperature";
    private static final String MAX_TOKENS = "llms.nim_llm.max_tokens";

    @TempDir
    static Path temp;

    private static ConfigDir dir;
    private static HostProcess host;
    private static HostApi api;
    private static String pid;

    @BeforeAll
    static void startTheHostWithAnAppOverrideAndAStartUpOverride() throws IOException {
        dir = ConfigDir.in(temp);
        Path config = dir.writeInPlace("config.yml", ControlItConfig.with("0.7", 1024));
        Path options = Files.writeString(temp.resolve("options.txt"),
                "poll=0\nevents=false\ndelay=0\noverride=" + MAX_TOKENS + "=333\n");
        host = HostProcess.serve(config).jvmArgs("-javaagent:" + Cli.jar() + "=@" + options)
                .override(TEMPERATURE, "0.8").start();
        api = HostApi.at(host.port());
        pid = Long.toString(host.process().pid());
        host.awaitLine("Development Mode Active");
        await().atMost(HostProcess.TIMEOUT).until(() -> Cli.run("status", pid).exitCode() == 0);
    }

    @AfterAll
    static void stopTheHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    @Order(1)
    void rightAfterStartStatusSaysHowGenerationOneCameToBeAndTheStartUpOverrideIsLiveInIt() {
        Cli.Result status = Cli.run("status", pid, "--json");

        JsonNode only = status.json().path("configs").path(0);
        assertThat(only.path("generation").asLong()).as(status.toString()).isEqualTo(1);
        assertThat(only.path("last").path("kind").asText()).isEqualTo("START");
        assertThat(only.path("last").path("message").asText()).isEqualTo("Generation 1 is what the app's call of "
                + "dev.aiq.sample.config.ConfigLoader#load returned, with the live overrides [" + MAX_TOKENS + "]");
        assertThat(only.path("liveOverrides").path(MAX_TOKENS).asText()).isEqualTo("333");
        assertThat(appConfig().path("max_tokens").asInt()).as("the app runs it from generation 1").isEqualTo(333);
        assertThat(appConfig().path("temperature").asDouble()).isEqualTo(0.8);
    }

    @Test
    @Order(2)
    void anEditThatTheAppsOverridePinsIsListedWithTheOverrideThatWins() {
        dir.writeInPlace("config.yml", ControlItConfig.with("0.9", 2048));
        int mark = host.mark();

        Cli.Result reload = Cli.run("reload", pid);

        String pinned = "  " + TEMPERATURE + ": 0.7 -> 0.9 in the file; 0.8 stays (--override on the app's command line)";
        assertThat(reload.exitCode()).as(reload.toString()).isZero();
        assertThat(reload.outLines()).as(reload.toString()).contains(pinned).contains("  " + MAX_TOKENS
                + ": 1024 -> 2048 in the file; 333 stays (a live override: the agent's override= option)");
        assertThat(host.awaitLineAfter(mark, "in the file; 0.8 stays")).isEqualTo(pinned);
        assertThat(api.temperature()).isEqualTo("0.8");
    }

    @Test
    @Order(3)
    void anOverrideThatCannotConvertNamesItsOriginAndTheKeysPositionInTheFile() {
        dir.writeInPlace("config.yml", ControlItConfig.with("1", 1024));
        long generation = api.generation();

        Cli.Result reload = Cli.run("reload", pid);

        assertThat(reload.exitCode()).as(reload.toString()).isEqualTo(1);
        // the temperature is on line 13, column 5 of control-it/config.yml
        assertThat(reload.outLines().get(0)).as(reload.toString()).isEqualTo("config.yml:13:5: override '"
                + TEMPERATURE + "': expected an integer, got '0.8' (--override on the app's command line)");
        assertThat(api.generation()).isEqualTo(generation);
        dir.writeInPlace("config.yml", ControlItConfig.with("0.9", 1024));
        assertThat(Cli.run("reload", pid).exitCode()).isZero();
    }

    @Test
    @Order(4)
    void aRefusedSetHasItsOutcomeLineOnTheAppsConsoleAndTheConfigStays() {
        long generation = api.generation();
        int mark = host.mark();

        Cli.Result set = Cli.run("set", pid, MAX_TOKENS, "lots");

        assertThat(set.exitCode()).as(set.toString()).isEqualTo(1);
        assertThat(set.outLines().get(0)).contains("override '" + MAX_TOKENS + "': expected an integer, got 'lots'")
                .contains("(a live override: aiq-dev set)");
        assertThat(host.awaitLineAfter(mark, "Live override refused: " + MAX_TOKENS))
                .contains("expected an integer, got 'lots'");
        assertThat(host.awaitLineAfter(mark, "Workflow continues with previous configuration")).isNotEmpty();
        assertThat(api.generation()).isEqualTo(generation);
    }

    @Test
    @Order(5)
    void aRollbackBringsBackItsGenerationsOverridesAndStatusShowsWhatRuns() {
        Cli.Result set = Cli.run("set", pid, MAX_TOKENS, "100");
        assertThat(set.exitCode()).as(set.toString()).isZero();
        assertThat(appConfig().path("max_tokens").asInt()).isEqualTo(100);

        Cli.Result rollback = Cli.run("rollback", pid);
        Cli.Result status = Cli.run("status", pid, "--json");

        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        assertThat(rollback.outLines()).as(rollback.toString()).contains("  " + MAX_TOKENS + ": 100 -> 333");
        assertThat(status.json().path("configs").path(0).path("liveOverrides").path(MAX_TOKENS).asText())
                .as(status.toString()).isEqualTo("333");
        assertThat(appConfig().path("max_tokens").asInt()).isEqualTo(333);
    }

    @Test
    @Order(6)
    void aFailedRollbackIsARollbackThatFailedAndLeavesTheLastRealOutcome() {
        Cli.Result rollback = Cli.run("rollback", pid, "--steps", "99", "--json");
        Cli.Result dryRun = Cli.run("validate", pid);
        Cli.Result status = Cli.run("status", pid, "--json");

        assertThat(rollback.exitCode()).as(rollback.toString()).isEqualTo(1);
        assertThat(rollback.json().path("kind").asText()).isEqualTo("ROLLBACK");
        assertThat(rollback.json().path("success").asBoolean()).isFalse();
        assertThat(rollback.json().path("message").asText()).startsWith("cannot roll back 99 step(s)");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(status.json().path("configs").path(0).path("last").path("kind").asText())
                .as("a dry run never replaces the last real outcome").isEqualTo("ROLLBACK");
    }

    @Test
    @Order(7)
    void aSaveThatChangesOnlyACommentSaysNoValuesChanged() {
        dir.writeInPlace("config.yml", ControlItConfig.with("0.9", 1024) + "# a comment only\n");
        int mark = host.mark();

        Cli.Result reload = Cli.run("reload", pid);

        assertThat(reload.exitCode()).as(reload.toString()).isZero();
        assertThat(reload.outLines().get(0)).as(reload.toString())
                .startsWith("Configuration reloaded: no values changed (comments or formatting only)");
        assertThat(host.awaitLineAfter(mark, "Configuration reloaded")).isEqualTo(
                "Configuration reloaded: no values changed (comments or formatting only)");
        assertThat(host.linesAfter(mark)).noneMatch(line -> line.contains("reloaded successfully"));
    }

    @Test
    void generationsContinueAcrossADetachAndAFreshAttach(@TempDir Path own) {
        ConfigDir other = ConfigDir.in(own);
        Path config = other.writeInPlace("again.yml", ControlItConfig.with("0.7", 1024));
        try (HostProcess plain = HostProcess.serve(config).jvmArgs("-XX:+EnableDynamicAgentLoading").start()) {
            HostApi plainApi = HostApi.at(plain.port());
            String plainPid = Long.toString(plain.process().pid());
            assertThat(Cli.run("attach", plainPid, "--delay", "0", "--poll", "0").exitCode()).isZero();
            other.writeInPlace("again.yml", ControlItConfig.with("0.2", 1024));
            assertThat(Cli.run("reload", plainPid).exitCode()).isZero();
            await().atMost(HostProcess.TIMEOUT).until(plainApi::generation, generation -> generation == 2);
            assertThat(Cli.run("detach", plainPid).exitCode()).isZero();
            await().atMost(HostProcess.TIMEOUT).until(() -> Cli.run("status", plainPid).exitCode() != 0);

            Cli.Result again = Cli.run("attach", plainPid, "--delay", "0", "--poll", "0");

            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(again.out()).endsWith(", generation 3\n");
            assertThat(plainApi.generation()).as("/health never goes backwards").isEqualTo(3);
        }
    }

    @Test
    void debugLogShowsTheOptionsTheProviderEachEventAndEachStage(@TempDir Path own) {
        ConfigDir other = ConfigDir.in(own);
        Path config = other.writeInPlace("debug.yml", ControlItConfig.with("0.7", 1024));
        try (HostProcess debug = HostProcess.serve(config).jvmArgs("-javaagent:" + Cli.jar() + "=delay=0,poll=0")
                .env("AIQ_LOG_LEVEL", "DEBUG").start()) {
            debug.awaitLine("Development Mode Active");
            debug.awaitLine("[aiq-dev] DEBUG: options in force: config=null, delay=0 s, poll=0 s, events=true");
            debug.awaitLine("[aiq-dev] DEBUG: provider dev.aiq.sample.config.ConfigLoader#load called: config "
                    + config);
            // watching has caught up with the files: the edit below is the watcher's, not the start-up's catch-up
            debug.awaitLine("[aiq-dev] DEBUG: CATCH_UP: what the config depends on hashes as generation 1; no reload");
            int mark = debug.mark();

            other.writeInPlace("debug.yml", ControlItConfig.with("0.3", 1024));

            debug.awaitLineAfter(mark, "Configuration reloaded successfully");
            List<String> lines = debug.linesAfter(mark);
            assertThat(lines).as(String.join("\n", lines))
                    .anyMatch(line -> line.matches("\\[aiq-dev] DEBUG: file event ENTRY_\\w+ debug\\.yml in .*: may "
                            + "change a watched file; its content is checked"))
                    .anyMatch(line -> line.contains("DEBUG: content of " + config + " changed; quiet period 0 s starts"))
                    .anyMatch(line -> line.matches("\\[aiq-dev] DEBUG: FILE_CHANGE: read 1 file\\(s\\) in .*"))
                    .anyMatch(line -> line.matches("\\[aiq-dev] DEBUG: FILE_CHANGE: dev\\.aiq\\.sample\\.config\\."
                            + "ConfigLoader#load and the validators accepted it in .* ms"))
                    .anyMatch(line -> line.matches("\\[aiq-dev] DEBUG: FILE_CHANGE: published as generation 2; the "
                            + "listeners took it \\(.* ms, 1 change\\(s\\)\\)"));
        }
    }

    /** {@code llms.nim_llm} as the app runs it ({@code /config}). */
    private static JsonNode appConfig() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + api.port() + "/config")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).path("llms").path("nim_llm");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
