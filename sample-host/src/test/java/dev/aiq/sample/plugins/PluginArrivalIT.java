package dev.aiq.sample.plugins;

import static dev.aiq.sample.plugins.PluginReloadIT.CONFIG;
import static dev.aiq.sample.plugins.PluginReloadIT.QUESTION;
import static dev.aiq.sample.plugins.PluginReloadIT.shout;
import static dev.aiq.sample.testing.DevModeLines.ACTIVE;
import static dev.aiq.sample.testing.DevModeLines.FAILED;
import static dev.aiq.sample.testing.DevModeLines.RELOAD_DONE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.sample.testing.AgentJar;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.HostApi;
import dev.aiq.sample.testing.HostProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugins that arrive after the config that needs them, and plugin reload in a host the agent was attached to. */
class PluginArrivalIT {

    @TempDir
    Path temp;

    @Test
    void aConfigRefusedForAnUnknownTypeAppliesWhenTheJarArrives() {
        ConfigDir dir = ConfigDir.in(temp.resolve("config"));
        Path plugins = temp.resolve("plugins");
        String withPlugin = new String(readResource(), java.nio.charset.StandardCharsets.UTF_8);
        String withoutPlugin = withPlugin.replace("  loud:\n    _type: shout\n", "")
                .replace("[wikipedia_search, loud]", "[wikipedia_search]");
        Path config = dir.writeInPlace(CONFIG, withoutPlugin);
        try (HostProcess host = HostProcess.serve(config)
                .args("--plugins", plugins.toString())
                .jvmArgs(AgentJar.javaagent("delay=0.05"))
                .start()) {
            host.awaitLine(ACTIVE);
            host.awaitLine("Watching plugins: " + plugins);
            HostApi api = HostApi.at(host.port());
            assertThat(api.answer(QUESTION)).doesNotContain("| loud: ");
            int mark = host.mark();

            dir.writeInPlace(CONFIG, withPlugin);

            host.awaitLineAfter(mark, FAILED);
            host.awaitLineAfter(mark, "functions.loud._type: Unknown function type 'shout'");
            assertThat(api.answer(QUESTION)).doesNotContain("| loud: ");
            int dropped = host.mark();

            shout("v1").writeTo(plugins, "shout.jar");

            host.awaitLineAfter(dropped, RELOAD_DONE);
            assertThat(api.answer(QUESTION)).endsWith("| loud: v1 PLEASE SHOUT HELLO");
            assertThat(host.linesAfter(dropped)).containsSubsequence(
                    "Configuration file changed: " + plugins.resolve("shout.jar"),
                    "Reloading configuration...",
                    "Configuration reloaded successfully",
                    "  functions.loud._type: (absent) -> shout");
        }
    }

    @Test
    void anAttachedHostReloadsARebuiltJarAndAgainAfterADetachAndAttach() {
        ConfigDir dir = ConfigDir.in(temp.resolve("config"));
        Path plugins = temp.resolve("plugins");
        shout("v1").writeTo(plugins, "shout.jar");
        Path config = dir.writeInPlace(CONFIG, new String(readResource(), java.nio.charset.StandardCharsets.UTF_8));
        try (HostProcess host = HostProcess.serve(config)
                .args("--plugins", plugins.toString())
                .jvmArgs("-XX:+EnableDynamicAgentLoading")
                .start()) {
            HostApi api = HostApi.at(host.port());
            assertThat(api.answer(QUESTION)).endsWith("| loud: v1 PLEASE SHOUT HELLO");

            AgentJar.Result attached = AgentJar.run("attach", Long.toString(host.process().pid()), "--delay", "0.05");

            assertThat(attached.exitCode()).as("%s", attached).isZero();
            host.awaitLine(ACTIVE);
            host.awaitLine("Watching plugins: " + plugins);
            int mark = host.mark();
            shout("v2").writeTo(plugins, "shout.jar");
            host.awaitLineAfter(mark, "Plugins: generation 2 is live");
            assertThat(api.answer(QUESTION)).endsWith("| loud: v2 PLEASE SHOUT HELLO");

            String pid = Long.toString(host.process().pid());
            int detached = host.mark();
            assertThat(AgentJar.run("detach", pid).exitCode()).isZero();
            host.awaitLineAfter(detached, "aiq-dev: detached");
            int again = host.mark();
            assertThat(AgentJar.run("attach", pid, "--delay", "0.05").exitCode()).isZero();
            host.awaitLineAfter(again, "Watching plugins: " + plugins);
            host.awaitLineAfter(again, ACTIVE);
            int v3 = host.mark();
            shout("v3").writeTo(plugins, "shout.jar");
            host.awaitLineAfter(v3, "is live");
            assertThat(api.answer(QUESTION)).endsWith("| loud: v3 PLEASE SHOUT HELLO");
        }
    }

    private static byte[] readResource() {
        try (var in = PluginArrivalIT.class.getResourceAsStream("/plugins/config.yml")) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
