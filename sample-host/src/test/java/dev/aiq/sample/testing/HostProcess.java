package dev.aiq.sample.testing;

import dev.aiq.junit.AppProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample host running as a child JVM: {@code java [jvmArgs] -jar sample-host.jar serve fastapi --config_file F
 * --override ...}, with every line it prints captured; or a small host of the tests' own,
 * {@code java [jvmArgs] -cp <class path> MainClass args} (see {@link #mainClass(Class, Class[])}). The sample host's
 * command lines over the test kit's {@link AppProcess}, which does the running and the waiting.
 *
 * <pre>{@code
 * try (HostProcess host = HostProcess.serve(config).override("general.front_end.port", "0").start()) {
 *     Http.get(host.port(), "/health");
 * }
 * }</pre>
 *
 * <p>The JDK is the system property {@code it.jdk} (default: the JDK running the test); the jar is
 * {@code sample.host.jar} (default {@code target/sample-host.jar}). Waits use {@link #TIMEOUT}, generous for a loaded
 * CI machine.
 */
public final class HostProcess implements AutoCloseable {

    /** How long {@code await...} methods wait. */
    public static final Duration TIMEOUT = AppProcess.TIMEOUT;

    private static final Pattern SERVING = Pattern.compile("Serving on http://\\S+:(\\d+)");

    private final AppProcess app;

    private HostProcess(AppProcess app) {
        this.app = app;
    }

    /** Starts building {@code serve fastapi --config_file configFile}. */
    public static Builder serve(Path configFile) {
        return new Builder(List.of("serve", "fastapi", "--config_file", configFile.toString()));
    }

    /**
     * Starts building {@code serve fastapi --config_file configFile} under the agent ({@code delay=0.05}) on a free
     * port: the end-to-end tests' usual host. {@link Builder#startActive()} starts it and waits for dev mode.
     */
    public static Builder servedUnderAgent(Path configFile) {
        return serve(configFile).jvmArgs(AgentJar.javaagent("delay=0.05")).override("general.front_end.port", "0");
    }

    /** Starts building {@code run console --config_file configFile}. */
    public static Builder console(Path configFile) {
        return new Builder(List.of("run", "console", "--config_file", configFile.toString()));
    }

    /**
     * Starts building {@code java -cp <class path> mainClass}: a host written for the tests, run like an app that
     * depends on {@code libraries} only. The class path is where {@code mainClass} was loaded from (the test classes)
     * and where each of {@code libraries} was loaded from, for example {@code DevMode.class} for agent-api.
     */
    public static Builder mainClass(Class<?> mainClass, Class<?>... libraries) {
        return new Builder(List.of()).classPathMain(mainClass.getName(), AppProcess.classPathOf(mainClass, libraries));
    }

    /** Returns the running child as the test kit sees it. */
    public AppProcess app() {
        return app;
    }

    /** Returns every line printed so far, stdout and stderr in the order they were read. */
    public List<String> lines() {
        return app.lines();
    }

    /** Returns the lines printed on stdout so far. */
    public List<String> stdout() {
        return app.stdout();
    }

    /** Returns the lines printed on stderr so far. */
    public List<String> stderr() {
        return app.stderr();
    }

    /** Returns how many lines have been printed so far: a mark for {@link #awaitLineAfter}. */
    public int mark() {
        return app.mark();
    }

    /** Returns the lines printed after the first {@code mark} lines (see {@link #mark()}). */
    public List<String> linesAfter(int mark) {
        return app.linesAfter(mark);
    }

    /** Waits for a line containing {@code substring} and returns the first one. */
    public String awaitLine(String substring) {
        return app.awaitLine(substring);
    }

    /** Waits for a line containing {@code substring} printed after {@code mark} lines, and returns the first. */
    public String awaitLineAfter(int mark, String substring) {
        return app.awaitLineAfter(mark, substring);
    }

    /**
     * Waits until at least {@code count} lines containing {@code substring} have been printed after {@code mark}
     * lines, and returns every such line printed by then.
     */
    public List<String> awaitLinesAfter(int mark, String substring, int count) {
        return app.awaitLinesAfter(mark, substring, count);
    }

    /** Waits for the {@code Serving on http://host:port} line and returns the port of the latest one. */
    public int port() {
        return port(app);
    }

    /** Waits for the sample host's {@code Serving on http://host:port} line in {@code app}; returns the latest port. */
    public static int port(AppProcess app) {
        app.awaitLine("Serving on ");
        int port = -1;
        for (String line : app.lines()) {
            Matcher serving = SERVING.matcher(line);
            if (serving.find()) {
                port = Integer.parseInt(serving.group(1));
            }
        }
        return port;
    }

    /** Writes {@code line} and a newline to the process's stdin. */
    public void send(String line) {
        app.send(line);
    }

    /** Closes the process's stdin (end of input). */
    public void closeInput() {
        app.closeInput();
    }

    /** Waits for the process to exit, then for its output to be read, and returns its exit status. */
    public int awaitExit() {
        return app.awaitExit();
    }

    /** Returns the process. */
    public Process process() {
        return app.process();
    }

    /** Stops the process and everything it started: politely (SIGTERM) first, then forcibly. */
    @Override
    public void close() {
        app.close();
    }

    /** Returns the pid and everything printed so far, for assertion messages. */
    @Override
    public String toString() {
        return app.toString();
    }

    /**
     * Builds the command line of a {@link HostProcess}: the sample host's arguments and overrides here, everything
     * else kept as settings of the kit's {@link AppProcess.Builder}, applied when the command is made.
     */
    public static final class Builder {
        private final List<String> appArgs;
        private final List<String> overrides = new ArrayList<>();
        private final List<Consumer<AppProcess.Builder>> settings = new ArrayList<>();
        private final Path jar = Path.of(System.getProperty("sample.host.jar", "target/sample-host.jar"));
        private String mainClass;
        private List<String> classPath = List.of();

        private Builder(List<String> appArgs) {
            this.appArgs = new ArrayList<>(appArgs);
        }

        private Builder classPathMain(String name, List<String> entries) {
            mainClass = name;
            classPath = List.copyOf(entries);
            return this;
        }

        /** Adds JVM arguments, for example {@code -javaagent:...}. */
        public Builder jvmArgs(String... args) {
            return with(kit -> kit.jvmArgs(args));
        }

        /** Adds {@code --override path value}. */
        public Builder override(String path, String value) {
            overrides.addAll(List.of("--override", path, value));
            return this;
        }

        /** Adds app arguments after the command, for example {@code --input question}. */
        public Builder args(String... args) {
            appArgs.addAll(Arrays.asList(args));
            return this;
        }

        /** Sets an environment variable of the process. */
        public Builder env(String name, String value) {
            return with(kit -> kit.env(name, value));
        }

        /** Uses the JDK at {@code home} instead of {@code it.jdk}. */
        public Builder javaHome(Path home) {
            return with(kit -> kit.javaHome(home));
        }

        /** Runs the process in {@code directory} instead of the test's working directory. */
        public Builder workingDirectory(Path directory) {
            return with(kit -> kit.workingDirectory(directory));
        }

        /** Returns the full command line. */
        public List<String> command() {
            return kit().command();
        }

        /** Starts the process. */
        public HostProcess start() {
            if (mainClass == null && !Files.isRegularFile(jar)) {
                throw new IllegalStateException("no sample host jar at " + jar.toAbsolutePath()
                        + ": run the package phase first");
            }
            return new HostProcess(kit().start());
        }

        /** Starts the process and waits until it says dev mode is active. */
        public HostProcess startActive() {
            HostProcess host = start();
            host.awaitLine(DevModeLines.ACTIVE);
            return host;
        }

        private Builder with(Consumer<AppProcess.Builder> setting) {
            settings.add(setting);
            return this;
        }

        private AppProcess.Builder kit() {
            AppProcess.Builder kit = mainClass == null ? AppProcess.jar(jar)
                    : AppProcess.mainClass(mainClass, classPath);
            settings.forEach(setting -> setting.accept(kit));
            return kit.args(appArgs).args(overrides);
        }
    }
}
