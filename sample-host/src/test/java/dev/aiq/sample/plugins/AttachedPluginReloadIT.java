package dev.aiq.sample.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.sample.testing.AgentJar;
import dev.aiq.sample.testing.HostApi;
import dev.aiq.sample.testing.HostProcess;

/**
 * {@link PluginReloadIT}'s cases in a host that started without the agent and had it attached: the set the app loaded
 * by itself is generation 1, and every refusal, the in-place overwrite, the rollback and the collected old loader
 * behave as with {@code -javaagent}.
 */
class AttachedPluginReloadIT extends PluginReloadIT {

    @Override
    HostProcess startWithTheAgent(HostProcess.Builder serve) {
        HostProcess host = serve.jvmArgs("-XX:+EnableDynamicAgentLoading").start();
        try {
            // the app has loaded its plugins (and answers with them) before the agent arrives
            assertThat(HostApi.at(host.port()).answer(QUESTION)).endsWith("| loud: v1 PLEASE SHOUT HELLO");
            AgentJar.Result attached = AgentJar.run("attach", Long.toString(host.process().pid()), "--delay", "0.05");
            assertThat(attached.exitCode()).as("%s", attached).isZero();
            return host;
        } catch (RuntimeException | AssertionError e) {
            host.close();
            throw e;
        }
    }
}
