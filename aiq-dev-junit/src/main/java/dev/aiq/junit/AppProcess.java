package dev.aiq.junit;

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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * An app running in a child JVM, {@code java [jvmArgs] -cp <class path> Main args} or {@code java [jvmArgs] -jar
 * app.jar args}, with every line it prints kept in order (stdout and stderr apart too). Its stdin stays open until
 * {@link #closeInput()} or {@link #close()}.
 *
 * <pre>{@code
 * try (AppProcess app = AppProcess.mainClass(GreetingApp.class).jvmArgs(AgentJar.javaagent("")).args("greeting.yaml")
 *         .start()) {
 *     app.awaitLine("Development Mode Active");
 * }
 * }</pre>
 *
 * <p>Built for apps that print tens of thousands of lines: waits scan only what was printed after a {@link #mark()}
 * and copy nothing while they wait; they poll every few milliseconds and give up after {@link #TIMEOUT}, with the
 * app's output in the failure. The JDK is the system property {@code it.jdk} when set, else the one running the test.
 */
public final class AppProcess implements AutoCloseable {

    /** How long a wait may take on a loaded CI machine before the test fails. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final Duration POLL = Duration.ofMillis(5);
    private static final int TAIL = 200;

    private final Process process;
    private final List<String> command;
    private final List<String> lines = new ArrayList<>();
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final List<Thread> pumps = new ArrayList<>();

    private AppProcess(Process process, List<String> command) {
        this.process = process;
        this.command = List.copyOf(command);
        pumps.add(pump(process.getInputStream(), stdout, "stdout"));
        pumps.add(pump(process.getErrorStream(), stderr, "stderr"));
    }

    /**
     * Starts building {@code java -cp <class path> mainClass}: the class path is where {@code mainClass} and each of
     * {@code libraries} were loaded from (a class of each library the app needs, for example {@code DevMode.class} for
     * aiq-dev-api), as an app that depends on those only.
     */
    public static Builder mainClass(Class<?> mainClass, Class<?>... libraries) {
        return new Builder().mainClass(mainClass.getName(), classPathOf(mainClass, libraries));
    }

    /** Returns where {@code first} and each of {@code more} were loaded from, each entry once, in that order. */
    public static List<String> classPathOf(Class<?> first, Class<?>... more) {
        List<String> classPath = new ArrayList<>(List.of(codeSource(first)));
        for (Class<?> type : more) {
            String entry = codeSource(type);
            if (!classPath.contains(entry)) {
                classPath.add(entry);
            }
        }
        return classPath;
    }

    /** Starts building {@code java -cp <classPath> mainClass}. */
    public static Builder mainClass(String mainClass, List<String> classPath) {
        return new Builder().mainClass(mainClass, classPath);
    }

    /** Starts building {@code java -jar jar}. */
    public static Builder jar(Path jar) {
        return new Builder().jar(jar);
    }

    /**
     * Starts {@code command} as it is, in {@code directory} (a temp directory keeps what a JVM or {@code jcmd} leaves
     * in its working directory out of the source tree); for command lines built elsewhere.
     */
    public static AppProcess start(List<String> command, Path directory) {
        try {
            return new AppProcess(new ProcessBuilder(command).directory(directory.toFile()).start(), command);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Returns the class-path entry (directory or jar) {@code type} was loaded from. */
    public static String codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no class path entry for " + type.getName(), e);
        }
    }

    /** Returns the JDK child JVMs run on: the system property {@code it.jdk}, else the JDK running the test. */
    public static Path javaHome() {
        return Path.of(System.getProperty("it.jdk", System.getProperty("java.home")));
    }

    /** Returns the {@code java} launcher of {@link #javaHome()}. */
    public static String java() {
        return javaHome().resolve("bin").resolve("java").toString();
    }

    /** Returns the child's pid. */
    public long pid() {
        return process.pid();
    }

    /** Returns the process. */
    public Process process() {
        return process;
    }

    /** Returns the command line it was started with. */
    public List<String> command() {
        return command;
    }

    /** Tells whether the child is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Returns how many lines have been printed so far: a mark for the {@code ...After} methods. */
    public synchronized int mark() {
        return lines.size();
    }

    /** Returns every line printed so far, stdout and stderr in the order they were read. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Returns the lines printed after the first {@code mark} lines. */
    public synchronized List<String> linesAfter(int mark) {
        return List.copyOf(lines.subList(Math.min(mark, lines.size()), lines.size()));
    }

    /** Returns the line at {@code index} (0-based, in {@link #lines()}). */
    public synchronized String line(int index) {
        return lines.get(index);
    }

    /** Returns the lines printed on stdout so far. */
    public synchronized List<String> stdout() {
        return List.copyOf(stdout);
    }

    /** Returns the lines printed on stderr so far. */
    public synchronized List<String> stderr() {
        return List.copyOf(stderr);
    }

    /** Counts the lines containing {@code text} printed after {@code mark}. */
    public synchronized int countAfter(int mark, String text) {
        int count = 0;
        for (int i = mark; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                count++;
            }
        }
        return count;
    }

    /** Waits for a line containing {@code text} and returns the first one. */
    public String awaitLine(String text) {
        return awaitLineAfter(0, text);
    }

    /** Waits for a line containing {@code text} printed after {@code mark} and returns the first one. */
    public String awaitLineAfter(int mark, String text) {
        int index = awaitIndexAfter(mark, "a line containing '" + text + "'", line -> line.contains(text));
        return line(index);
    }

    /**
     * Waits for a line that passes {@code test} printed after {@code mark} and returns its index (a mark for the next
     * wait is one more); {@code what} describes the line in the failure.
     */
    public int awaitIndexAfter(int mark, String what, Predicate<String> test) {
        return awaitUntil(what + " after line " + mark, () -> indexOf(mark, test));
    }

    /**
     * Waits until at least {@code count} lines containing {@code text} have been printed after {@code mark}, and
     * returns every such line printed by then.
     */
    public List<String> awaitLinesAfter(int mark, String text, int count) {
        return awaitUntil(count + " lines containing '" + text + "' after line " + mark,
                () -> countAfter(mark, text) >= count ? matchingAfter(mark, text) : null);
    }

    /** Writes {@code line} and a newline to the child's stdin. */
    public void send(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the stdin of pid " + pid(), e);
        }
    }

    /** Closes the child's stdin (end of input). */
    public void closeInput() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the child to exit and its output to be read; returns its exit status. */
    public int awaitExit() {
        try {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the child did not exit within " + TIMEOUT + "; " + this);
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

    /** Stops the child and everything it started: politely (SIGTERM) first, then forcibly. */
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

    /** Returns the pid, the command and the last lines printed, for assertion messages. */
    @Override
    public String toString() {
        List<String> all = lines();
        List<String> tail = all.subList(Math.max(0, all.size() - TAIL), all.size());
        return "child pid " + process.pid() + " (" + String.join(" ", command) + ") printed " + all.size()
                + " lines" + (all.size() > TAIL ? ", the last ones" : "") + ":\n  " + String.join("\n  ", tail);
    }

    private <T> T awaitUntil(String what, Callable<T> probe) {
        try {
            return await(what).atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .until(probe, found -> found != null);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no " + what + " within " + TIMEOUT + "; " + this, e);
        }
    }

    private synchronized List<String> matchingAfter(int mark, String text) {
        List<String> found = new ArrayList<>();
        for (int i = mark; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                found.add(lines.get(i));
            }
        }
        return found;
    }

    private synchronized Integer indexOf(int mark, Predicate<String> test) {
        for (int i = mark; i < lines.size(); i++) {
            if (test.test(lines.get(i))) {
                return i;
            }
        }
        return null;
    }

    private synchronized void add(List<String> stream, String line) {
        stream.add(line);
        lines.add(line);
    }

    private Thread pump(InputStream stream, List<String> into, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    add(into, line);
                }
            } catch (IOException ignored) {
                // the process is gone; what was read is kept
            }
        }, "app-" + process.pid() + "-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Builds the command line of an {@link AppProcess}. */
    public static final class Builder {
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> appArgs = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path javaHome = AppProcess.javaHome();
        private Path workingDirectory;
        private Path jar;
        private String mainClass;
        private List<String> classPath = List.of();

        private Builder() {
        }

        private Builder mainClass(String name, List<String> entries) {
            mainClass = name;
            classPath = List.copyOf(entries);
            return this;
        }

        private Builder jar(Path file) {
            jar = file;
            return this;
        }

        /** Adds JVM arguments, for example {@code AgentJar.javaagent("delay=0.05")}. */
        public Builder jvmArgs(String... args) {
            return jvmArgs(Arrays.asList(args));
        }

        /** Adds JVM arguments. */
        public Builder jvmArgs(List<String> args) {
            jvmArgs.addAll(args);
            return this;
        }

        /** Adds app arguments. */
        public Builder args(String... args) {
            return args(Arrays.asList(args));
        }

        /** Adds app arguments. */
        public Builder args(List<String> args) {
            appArgs.addAll(args);
            return this;
        }

        /** Sets an environment variable of the child. */
        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** Uses the JDK at {@code home} instead of {@link AppProcess#javaHome()}. */
        public Builder javaHome(Path home) {
            javaHome = home;
            return this;
        }

        /**
         * Runs the child in {@code directory} instead of the test's working directory (a temp directory keeps what a
         * JVM leaves in its working directory out of the source tree).
         */
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
            return command;
        }

        /** Starts the child. */
        public AppProcess start() {
            List<String> command = command();
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            if (workingDirectory != null) {
                builder.directory(workingDirectory.toFile());
            }
            try {
                return new AppProcess(builder.start(), command);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command, e);
            }
        }
    }
}
