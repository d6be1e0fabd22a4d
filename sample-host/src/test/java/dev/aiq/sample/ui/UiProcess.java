package dev.aiq.sample.ui;

import dev.aiq.junit.AppProcess;
import dev.aiq.sample.testing.Cli;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code aiq-dev ui <pid> --port 0} as a real process, with the address it printed. */
final class UiProcess implements AutoCloseable {

    private static final Pattern ADDRESS = Pattern.compile("aiq-dev ui: (http://127\\.0\\.0\\.1:(\\d+)/\\?token=(\\S+))");

    private final AppProcess process;

    private UiProcess(AppProcess process) {
        this.process = process;
    }

    /** Starts the server for the JVM {@code pid}. */
    static UiProcess start(long pid) {
        return new UiProcess(AppProcess.jar(Cli.jar())
                .jvmArgs("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
                .args("ui", Long.toString(pid), "--port", "0")
                .start());
    }

    /** The address with the token, once printed. */
    String url() {
        return address().group(1);
    }

    int port() {
        return Integer.parseInt(address().group(2));
    }

    private Matcher address() {
        int index = process.awaitIndexAfter(0, "the ui's address", line -> ADDRESS.matcher(line).find());
        Matcher address = ADDRESS.matcher(process.line(index));
        address.find();
        return address;
    }

    List<String> lines() {
        return process.lines();
    }

    @Override
    public void close() {
        process.close();
    }
}
