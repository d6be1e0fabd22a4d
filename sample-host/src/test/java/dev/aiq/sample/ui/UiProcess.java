package dev.aiq.sample.ui;

import static org.awaitility.Awaitility.await;

import dev.aiq.sample.testing.Cli;
import dev.aiq.sample.testing.HostProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code aiq-dev ui <pid> --port 0} as a real process, with the address it printed. */
final class UiProcess implements AutoCloseable {

    private static final Pattern ADDRESS = Pattern.compile("aiq-dev ui: (http://127\\.0\\.0\\.1:(\\d+)/\\?token=(\\S+))");

    private final Process process;
    private final List<String> lines;

    private UiProcess(Process process) {
        this.process = process;
        this.lines = PageTests.outputOf(process, "ui-output");
    }

    /** Starts the server for the JVM {@code pid}. */
    static UiProcess start(long pid) {
        String java = Path.of(System.getProperty("it.jdk", System.getProperty("java.home")), "bin", "java").toString();
        try {
            return new UiProcess(new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                    Cli.jar().toString(), "ui", Long.toString(pid), "--port", "0").redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start aiq-dev ui", e);
        }
    }

    /** The address with the token, once printed. */
    String url() {
        return address().group(1);
    }

    int port() {
        return Integer.parseInt(address().group(2));
    }

    private Matcher address() {
        return await().atMost(HostProcess.TIMEOUT).until(() -> lines.stream().map(ADDRESS::matcher)
                .filter(Matcher::find).findFirst().orElse(null), matcher -> matcher != null);
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        process.destroy();
        await().atMost(HostProcess.TIMEOUT).until(() -> !process.isAlive());
    }
}
