package dev.aiq.sample.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aiq-dev attach} and {@code detach}, as real processes, on a sample host started without the agent (with
 * {@code -XX:+EnableDynamicAgentLoading}, as a JVM meant to take one later). The host's config file has a name no
 * other JVM has, so a substring of it picks the host.
 */
class ControlAttachIT {

    @TempDir
    Path temp;

    private ConfigDir dir;
    private String configName;
    private Path config;
    private HostProcess host;
    private HostApi api;
    private String pid;

    @BeforeEach
    void startTheHostWithoutTheAgent() {
        dir = ConfigDir.in(temp);
        configName = "control-attach-" + UUID.randomUUID() + ".yml";
        config = dir.writeInPlace(configName, ControlItConfig.with("0.7", 1024));
        host = HostProcess.serve(config).jvmArgs("-XX:+EnableDynamicAgentLoading").start();
        api = HostApi.at(host.port());
        pid = Long.toString(host.process().pid());
    }

    @AfterEach
    void stopTheHost() {
        host.close();
    }

    @Test
    void attachByAUniqueSubstringStartsDevModeWithoutATcpPortAndASecondAttachSaysItIsAlreadyActive()
            throws IOException {
        JsonNode before = listed();
        Set<Integer> portsBefore = ProcessSockets.listeningTcpPorts(host.process().pid());

        Cli.Result attach = Cli.run("attach", configName, "--delay", "0", "--poll", "0");

        assertThat(attach.exitCode()).as(attach.toString()).isZero();
        assertThat(attach.out()).isEqualTo("aiq-dev active in " + pid + " (" + displayName() + "): watching " + config
                + ", generation 1\n");
        assertThat(attach.err()).as("no note about dynamic agent loading").isEmpty();

        Cli.Result again = Cli.run("attach", configName, "--delay", "0", "--poll", "0");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).isEqualTo("aiq-dev is already active in " + pid + "\n");

        JsonNode after = listed();
        assertThat(before.path("devMode").asBoolean()).isFalse();
        assertThat(before.path("controlSocket").isNull()).isTrue();
        assertThat(after.path("devMode").asBoolean()).isTrue();
        assertThat(after.path("main").asText()).isEqualTo(before.path("main").asText()).isEqualTo(sampleHostJar());
        assertThat(after.path("displayName").asText()).isEqualTo(displayName());
        Path socket = Path.of(after.path("controlSocket").asText());
        assertThat(socket.toString()).isEqualTo(controlSocket());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
                .isEqualTo("rwx------");
        assertThat(portsBefore).containsExactly(api.port());
        assertThat(ProcessSockets.listeningTcpPorts(host.process().pid())).isEqualTo(portsBefore);

        // file events are on: an edit goes live with no command
        dir.writeInPlace(configName, ControlItConfig.with("0.2", 1024));
        await().atMost(HostProcess.TIMEOUT).until(api::temperature, "0.2"::equals);
        assertThat(api.generation()).isEqualTo(2);
    }

    @Test
    void detachStopsWatchingAndClosesTheSocketWhileTheHostKeepsServingAndAFreshAttachWorks() {
        Cli.Result attach = Cli.run("attach", pid, "--delay", "0", "--poll", "0");
        assertThat(attach.exitCode()).as(attach.toString()).isZero();
        dir.writeInPlace(configName, ControlItConfig.with("0.2", 1024));
        await().atMost(HostProcess.TIMEOUT).until(api::temperature, "0.2"::equals);
        Path socket = Path.of(controlSocket());

        Cli.Result detach = Cli.run("detach", pid);

        assertThat(detach.exitCode()).as(detach.toString()).isZero();
        assertThat(detach.out()).isEqualTo("aiq-dev detached from " + pid + " (" + displayName()
                + "); the app keeps its live config\n");
        // the agent tears down once its reply has left; the property is cleared last
        await().atMost(HostProcess.TIMEOUT).until(() -> controlSocket() == null);
        assertThat(socket).doesNotExist();
        long generation = api.generation();

        dir.writeInPlace(configName, ControlItConfig.with("0.9", 1024));
        // the old watcher, had it survived, would apply the edit well within the time this command takes
        Cli.Result status = Cli.run("status", pid);

        assertThat(status.exitCode()).as(status.toString()).isOne();
        assertThat(status.err()).isEqualTo("dev mode is not active in " + pid + " (" + displayName()
                + "); use aiq-dev attach " + pid + "\n");
        assertThat(api.generation()).as("/health after an edit made while detached").isEqualTo(generation);
        assertThat(api.temperature()).as("/generate after an edit made while detached").isEqualTo("0.2");

        Cli.Result reattach = Cli.run("attach", pid, "--delay", "0", "--poll", "0");

        assertThat(reattach.exitCode()).as(reattach.toString()).isZero();
        assertThat(reattach.out()).as("generations never go backwards in a JVM: a re-attach counts on")
                .endsWith(": watching " + config + ", generation " + (generation + 1) + "\n");
        dir.writeInPlace(configName, ControlItConfig.with("0.45", 1024));
        await().atMost(HostProcess.TIMEOUT).until(api::temperature, "0.45"::equals);
        assertThat(api.generation()).isEqualTo(generation + 2);
    }

    /** The host's entry in {@code aiq-dev list --json}, once the host has answered (a busy JVM may not, at first). */
    private JsonNode listed() {
        return await().atMost(HostProcess.TIMEOUT).until(() -> {
            Cli.Result list = Cli.run("list", "--json");
            assertThat(list.exitCode()).as(list.toString()).isZero();
            return StreamSupport.stream(list.json().path("jvms").spliterator(), false)
                    .filter(jvm -> jvm.path("pid").asText().equals(pid))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("the host is not listed: " + list));
        }, entry -> entry.hasNonNull("javaVersion"));
    }

    private String controlSocket() {
        return ProcessSockets.systemProperties(host.process().pid()).getProperty("aiq.dev.control");
    }

    private static String sampleHostJar() {
        return Path.of(System.getProperty("sample.host.jar", "target/sample-host.jar")).toAbsolutePath().toString();
    }

    private String displayName() {
        return sampleHostJar() + " serve fastapi --config_file " + config;
    }
}
