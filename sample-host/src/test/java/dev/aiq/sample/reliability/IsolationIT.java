package dev.aiq.sample.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.junit.AppProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Isolation: a {@link TinyHost} that carries its own SnakeYAML 1.33, Jackson 2.15, ByteBuddy 1.14 and tinylog 2.6
 * (with a {@code tinylog.properties} whose lines start with {@code HOST}) runs under the agent, which brings newer
 * copies of all four. Both must work with their own: the host loads each library from its own jar, parses YAML,
 * binds and writes JSON, makes classes and logs in its own format; the agent reloads, and its own log lines (with
 * {@code log=debug}) keep the agent's format and never take the host's.
 */
class IsolationIT {

    @TempDir
    Path temp;

    @Test
    void theHostAndTheAgentEachUseTheirOwnLibrariesAndLogging() {
        Workspace workspace = new Workspace(temp, "greeting: hello\na: 1\nb: 1\n", text -> { });
        try (AppProcess host = Hosts.tinyHost(workspace.config(), "delay=0.05,log=debug")) {
            assertThat(host.awaitLine("HOST started")).isEqualTo("HOST started greeting=hello"
                    + " json={\"greeting\":\"hello\",\"a\":1,\"b\":1,\"interrupt_provider\":false,\"interrupt_listener\":false}"
                    + " libraries: snakeyaml-1.33.jar jackson-databind-2.15.4.jar byte-buddy-1.14.18.jar"
                    + " tinylog-api-2.6.2.jar tinylog-impl-2.6.2.jar");
            host.awaitLine("Watching config: " + workspace.config());

            int mark = host.mark();
            workspace.write("greeting: bonjour\na: 2\nb: 2\n");

            assertThat(host.awaitLineAfter(mark, "HOST applied")).isEqualTo("HOST applied generation 2 greeting=bonjour"
                    + " json={\"greeting\":\"bonjour\",\"a\":2,\"b\":2,\"interrupt_provider\":false,\"interrupt_listener\":false}"
                    + " on aiq-dev-listener");
            host.awaitLineAfter(mark, "[aiq-dev] DEBUG: reload after ");
            assertThat(host.linesAfter(mark)).contains("Configuration reloaded successfully", "  greeting: hello -> bonjour");
            assertThat(host.stdout()).as("the host's log, on stdout").hasSize(2).allMatch(line -> line.startsWith("HOST "));
            assertThat(host.stderr()).as("the agent's lines, on stderr").noneMatch(line -> line.contains("HOST"))
                    .anyMatch(line -> line.startsWith("[aiq-dev] DEBUG: "));
        }
    }
}
