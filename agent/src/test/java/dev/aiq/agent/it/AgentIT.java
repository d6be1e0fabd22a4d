package dev.aiq.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent in a real child JVM, started with {@code -javaagent} and attached later: a temperature edit goes live,
 * a broken edit is reported with line:column and the old value stays, three broken edits end in the rollback
 * message, a listener that throws leaves the old value live.
 */
class AgentIT {

    @TempDir
    Path dir;

    @Test
    void startedWithTheAgent() throws Exception {
        Path config = writeConfig("temperature: 0.7\n");
        try (ChildJvm host = ChildJvm.testHost(List.of("-javaagent:" + ChildJvm.agentJar() + "=delay=0.05,poll=0"),
                "--config_file", config.toString())) {
            host.awaitLine("Development Mode Active");
            assertThat(host.awaitLine("Watching config: ")).isEqualTo("Watching config: " + config.toAbsolutePath());
            assertThat(host.awaitLine("Reload delay: ")).isEqualTo("Reload delay: 0.05s");
            proveDevMode(host, config);
        }
    }

    @Test
    void attachedToARunningHost() throws Exception {
        Path config = writeConfig("temperature: 0.7\n");
        try (ChildJvm host = ChildJvm.testHost(List.of("-XX:+EnableDynamicAgentLoading"), "--config_file", config.toString())) {
            host.awaitLine("STARTED temperature=0.7");
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(host.pid()));
            try {
                vm.loadAgent(ChildJvm.agentJar().toString(), "delay=0.05,poll=0");
            } finally {
                vm.detach();
            }
            host.awaitLine("Development Mode Active");
            proveDevMode(host, config);
        }
    }

    private void proveDevMode(ChildJvm host, Path config) throws Exception {
        host.send("get");
        host.awaitLine("TEMPERATURE 0.7 generation=1");

        Files.writeString(config, "temperature: 0.9\n");
        host.awaitLine("APPLIED temperature=0.9 generation=2");
        host.awaitLine("Starting workflow with updated configuration...");
        assertThat(host.lines()).containsSubsequence("Configuration file changed: " + config.toAbsolutePath(),
                "Reloading configuration...", "Configuration reloaded successfully", "  temperature: 0.7 -> 0.9");
        host.send("get");
        host.awaitLine("TEMPERATURE 0.9 generation=2");

        Files.writeString(config, "temperature: [0.5\n");
        assertThat(host.awaitNth("Configuration reload failed (attempt ", 1))
                .matches("Configuration reload failed \\(attempt 1/3\\): config\\.yml:\\d+:\\d+: .+");
        host.send("get");
        host.awaitLine("TEMPERATURE 0.9 generation=2");

        Files.writeString(config, "temperature: hot\n");
        assertThat(host.awaitNth("Configuration reload failed (attempt ", 2))
                .isEqualTo("Configuration reload failed (attempt 2/3): config.yml:1:1: temperature: 'hot' is not a number");
        Files.writeString(config, "temperature: 0.1\n\ttabbed: x\n");
        host.awaitLine("Configuration reload failed (attempt 3/3)");
        host.awaitLine("Maximum reload attempts exceeded, attempting rollback...");
        host.awaitLine("Configuration rolled back successfully");
        host.send("get");
        host.awaitLine("TEMPERATURE 0.9 generation=2");

        Files.writeString(config, "temperature: 0.3\nreject: true\n");
        host.awaitLine("rejected the change: the test host rejects this config");
        host.send("get");
        host.awaitNth("TEMPERATURE 0.9 generation=2", 3);

        Files.writeString(config, "temperature: 1.1\n");
        host.awaitLine("APPLIED temperature=1.1 generation=3");
    }

    private Path writeConfig(String text) throws IOException {
        Path config = dir.resolve("config.yml");
        Files.writeString(config, text);
        return config;
    }
}
