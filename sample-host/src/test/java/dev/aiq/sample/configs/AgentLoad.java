package dev.aiq.sample.configs;

import static dev.aiq.sample.testing.DevModeLines.WATCHING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.sample.testing.AgentJar;
import dev.aiq.sample.testing.Cli;
import dev.aiq.sample.testing.HostProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a host of this package gets the agent: on its command line, or attached once it runs. Either way
 * {@link #start} returns only when the host has printed its first config and the agent watches every config named.
 */
enum AgentLoad {

    /** {@code java -javaagent:aiq-dev.jar=OPTIONS ...}. */
    JAVAAGENT,
    /** Started without the agent (allowing one later); {@code java -jar aiq-dev.jar attach PID --option ...}. */
    ATTACH;

    /** The JVM options of every host: a small, cheap JVM, since two cores run the test, the host and the tool. */
    private static final List<String> HOST_JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    /**
     * Starts {@code host} in {@code directory} with the agent's {@code options} ({@code key=value} each), waits for
     * the tick that prints {@code firstTick} and for a {@code Watching config:} line for each of {@code configs}.
     */
    HostProcess start(HostProcess.Builder host, Path directory, List<String> options, String firstTick,
                      Path... configs) {
        host.workingDirectory(directory).jvmArgs(HOST_JVM.toArray(String[]::new));
        if (this == JAVAAGENT) {
            host.jvmArgs(AgentJar.javaagent(String.join(",", options)));
        } else {
            host.jvmArgs("-XX:+EnableDynamicAgentLoading");
        }
        HostProcess started = host.start();
        try {
            Ticks.await(started, 0, firstTick);
            if (this == ATTACH) {
                attach(started, options);
            }
            for (Path config : configs) {
                started.awaitLine(WATCHING + config);
            }
            Ticks.await(started, started.mark(), firstTick);
            return started;
        } catch (RuntimeException | AssertionError e) {
            started.close();
            throw e;
        }
    }

    private static void attach(HostProcess host, List<String> options) {
        List<String> command = new ArrayList<>(List.of("attach", Long.toString(host.process().pid())));
        for (String option : options) {
            command.add("--option");
            command.add(option);
        }
        Cli.Result attached = Cli.run(command.toArray(String[]::new));
        assertThat(attached.exitCode()).as("%s", attached).isZero();
    }
}
