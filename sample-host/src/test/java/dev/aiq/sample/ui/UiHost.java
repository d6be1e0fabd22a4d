package dev.aiq.sample.ui;

import static org.awaitility.Awaitility.await;

import dev.aiq.sample.testing.Cli;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.ControlItConfig;
import dev.aiq.sample.testing.HostApi;
import dev.aiq.sample.testing.HostProcess;
import dev.aiq.sample.testing.ProcessSockets;
import java.nio.file.Path;
import java.util.Set;

/**
 * What every page test runs against: a sample host under the agent (watching on, no delay) serving the control ITs'
 * config ({@link ControlItConfig}, temperature 0.7), its listening TCP ports before the page was served, and an
 * {@code aiq-dev ui} server for it. One serves every test of a class; {@link #startFromTheKnownConfig()} puts the
 * config back before each.
 */
final class UiHost implements AutoCloseable {

    /** The temperature of the config every test starts from. */
    static final String START_TEMPERATURE = "0.7";

    final ConfigDir dir;
    final Path config;
    final HostProcess host;
    final HostApi api;
    final Set<Integer> portsBefore;
    final UiProcess ui;

    private UiHost(ConfigDir dir, Path config, HostProcess host, Set<Integer> portsBefore, UiProcess ui) {
        this.dir = dir;
        this.config = config;
        this.host = host;
        this.api = HostApi.at(host.port());
        this.portsBefore = portsBefore;
        this.ui = ui;
    }

    /** Starts the host on a config in {@code temp}, waits until its control socket is up, then serves the page. */
    static UiHost start(Path temp) {
        ConfigDir dir = ConfigDir.in(temp);
        Path config = dir.writeAtomically("config.yml", startConfig());
        HostProcess host = HostProcess.serve(config).jvmArgs("-javaagent:" + Cli.jar() + "=delay=0").start();
        try {
            host.awaitLine("Development Mode Active");
            long pid = host.process().pid();
            await().atMost(HostProcess.TIMEOUT).until(() -> ProcessSockets.systemProperties(pid)
                    .getProperty("aiq.dev.control") != null);
            Set<Integer> ports = ProcessSockets.listeningTcpPorts(pid);
            return new UiHost(dir, config, host, ports, UiProcess.start(pid));
        } catch (RuntimeException | AssertionError e) {
            host.close();
            throw e;
        }
    }

    static String startConfig() {
        return ControlItConfig.with(START_TEMPERATURE, 1024);
    }

    /**
     * Writes the start config when the file differs (a test may leave another config, or a refused edit, on disk)
     * and waits until the host answers with its temperature again. A test that leaves another config behind gives
     * it another temperature, so that this wait cannot end before the reload has.
     */
    void startFromTheKnownConfig() {
        if (!dir.read("config.yml").equals(startConfig())) {
            dir.writeAtomically("config.yml", startConfig());
        }
        await().atMost(HostProcess.TIMEOUT).until(api::temperature, START_TEMPERATURE::equals);
    }

    /** The 1-based number of the first line of {@code content} that contains {@code text}. */
    static int lineOf(String content, String text) {
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + content);
    }

    @Override
    public void close() {
        try {
            ui.close();
        } finally {
            host.close();
        }
    }
}
