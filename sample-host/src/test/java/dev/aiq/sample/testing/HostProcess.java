package dev.aiq.sample.testing;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The sample host running as a child JVM: {@code java [jvmArgs] -jar sample-host.jar serve fastapi --config_file F
 * --override ...}, with every line it prints captured; or a small host of the tests' own,
 * {@code java [jvmArgs] -cp <class path> MainClass args} (see {@link #mainClass(Class, Class[])}).
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
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern SERVING = Pattern.compile("Serving on http://\\S+:(\\d+)");

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final List<Thread> pumps = new ArrayList<>();

    private HostProcess(Process process) {
        this.process = process;
        pumps.add(pump(process.getInputStream(), stdout, "stdout"));
        pumps.add(pump(process.getErrorStream(), stderr, "stderr"));
    }

    /** Starts building {@code serve fastapi --config_file configFile}. */
    public static Builder serve(Path configFile) {
        return new Builder(List.of("serve", "fastapi", "--config_file", configFile.toString()));
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
        List<String> classPath = new ArrayList<>();
        classPath.add(codeSource(mainClass));
        for (Class<?> library : libraries) {
            classPath.add(codeSource(library));
        }
        return new Builder(List.of()).classPathMain(mainClass.getName(), classPath);
    }

    /** Returns every line printed so far, stdout and stderr in the order they were read. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Returns the lines printed on stdout so far. */
    public List<String> stdout() {
        return List.copyOf(stdout);
    }

    /** Returns the lines printed on stderr so far. */
    public List<String> stderr() {
        return List.copyOf(stderr);
    }

    /** Returns how many lines have been printed so far: a mark for {@link #awaitLineAfter}. */
    public int mark() {
        return lines.size();
    }

    /** Returns the lines printed after the first {@code mark} lines (see {@link #mark()}). */
    public List<String> linesAfter(int mark) {
        List<String> snapshot = lines();
        return snapshot.subList(Math.min(mark, snapshot.size()), snapshot.size());
    }

    /** Waits for a line containing {@code substring} and returns the first one. */
    public String awaitLine(String substring) {
        return awaitLineAfter(0, substring);
    }

    /** Waits for a line containing {@code substring} printed after {@code mark} lines, and returns the first. */
    public String awaitLineAfter(int mark, String substring) {
        try {
            return await().atMost(TIMEOUT).until(() -> find(mark, substring), line -> line != null);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no line containing '" + substring + "' within " + TIMEOUT + "; " + this, e);
        }
    }

    /**
     * Waits until at least {@code count} lines containing {@code substring} have been printed after {@code mark}
     * lines, and returns every such line printed by then.
     */
    public List<String> awaitLinesAfter(int mark, String substring, int count) {
        try {
            return await().atMost(TIMEOUT).until(() -> linesAfter(mark).stream()
                    .filter(line -> line.contains(substring)).toList(), found -> found.size() >= count);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not " + count + " lines containing '" + substring + "' within " + TIMEOUT
                    + "; " + this, e);
        }
    }

    /** Waits for the {@code Serving on http://host:port} line and returns the port of the latest one. */
    public int port() {
        awaitLine("Serving on ");
        int port = -1;
        for (String line : lines) {
            Matcher serving = SERVING.matcher(line);
            if (serving.find()) {
                port = Integer.parseInt(serving.group(1));
            }
        }
        return port;
    }

    /** Writes {@code line} and a newline to the process's stdin. */
    public void send(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the process's stdin (end of input). */
    public void closeInput() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the process to exit, then for its output to be read, and returns its exit status. */
    public int awaitExit() {
        try {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the host did not exit within " + TIMEOUT + "; " + this);
            }
            for (Thread pump : pumps) {
                pump.join(TIMEOUT.toMillis());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Returns the process. */
    public Process process() {
        return process;
    }

    /** Stops the process and everything it started: politely (SIGTERM) first, then forcibly. */
    @Override
    public void close() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns the pid and everything printed so far, for assertion messages. */
    @Override
    public String toString() {
        return "host pid " + process.pid() + " printed:\n  " + String.join("\n  ", lines);
    }

    private String find(int mark, String substring) {
        List<String> snapshot = lines();
        for (int i = mark; i < snapshot.size(); i++) {
            if (snapshot.get(i).contains(substring)) {
                return snapshot.get(i);
            }
        }
        return null;
    }

    private static String codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("no class path entry for " + type.getName(), e);
        }
    }

    private Thread pump(InputStream stream, List<String> into, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    into.add(line);
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process is gone; what was read is kept
            }
        }, "host-" + process.pid() + "-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Builds the command line of a {@link HostProcess}. */
    public static final class Builder {
        private final List<String> appArgs;
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> overrides = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path javaHome = Path.of(System.getProperty("it.jdk", System.getProperty("java.home")));
        private Path jar = Path.of(System.getProperty("sample.host.jar", "target/sample-host.jar"));
        private Path workingDirectory;
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
            jvmArgs.addAll(Arrays.asList(args));
            return this;
        }

        /** Adds {@code --override path value}. */
        public Builder override(String path, String value) {
            overrides.add("--override");
            overrides.add(path);
            overrides.add(value);
            return this;
        }

        /** Adds app arguments after the command, for example {@code --input question}. */
        public Builder args(String... args) {
            appArgs.addAll(Arrays.asList(args));
            return this;
        }

        /** Sets an environment variable of the process. */
        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** Uses the JDK at {@code home} instead of {@code it.jdk}. */
        public Builder javaHome(Path home) {
            javaHome = home;
            return this;
        }

        /** Runs the process in {@code directory} instead of the test's working directory. */
        public Builder workingDirectory(Path directory) {
            workingDirectory = directory;
            return this;
        }

        /** Returns the full command line. */
        public List<String> command() {
            List<String> command = new ArrayList<>();
            command.add(javaHome.resolve("bin").resolve("java").toString());
            command.addAll(jvmArgs);
            if (mainClass == null) {
                command.add("-jar");
                command.add(jar.toAbsolutePath().toString());
            } else {
                command.add("-cp");
                command.add(String.join(File.pathSeparator, classPath));
                command.add(mainClass);
            }
            command.addAll(appArgs);
            command.addAll(overrides);
            return command;
        }

        /** Starts the process. */
        public HostProcess start() {
            if (mainClass == null && !Files.isRegularFile(jar)) {
                throw new IllegalStateException("no sample host jar at " + jar.toAbsolutePath()
                        + ": run the package phase first");
            }
            ProcessBuilder builder = new ProcessBuilder(command());
            builder.environment().putAll(environment);
            if (workingDirectory != null) {
                builder.directory(workingDirectory.toFile());
            }
            try {
                return new HostProcess(builder.start());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command(), e);
            }
        }
    }
}
