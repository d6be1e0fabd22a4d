package dev.aiq.agent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A test fixture: a second, unprivileged OS user ({@value #NAME}) to play the other local user of a shared machine.
 * Made with {@code useradd} when the tests run as root (as CI does) and removed again; where that is impossible the
 * calling test is skipped, saying why. Programs run as that user with {@code runuser}, from a copy of the test
 * classes they need in a directory that user can read.
 */
final class OtherUser implements AutoCloseable {

    static final String NAME = "aiq-dev-other";

    private static final long PATIENCE_SECONDS = 60;

    private final boolean created;
    private final Path classes;

    private OtherUser(boolean created, Path classes) {
        this.created = created;
        this.classes = classes;
    }

    /** Makes the user (or finds it) or skips the test. */
    static OtherUser createOrSkip(Class<?>... programs) throws IOException, InterruptedException {
        Assumptions.assumeTrue("0".equals(run("id", "-u").strip()),
                "needs root to create a second OS user (CI runs as root); skipped as " + System.getProperty("user.name"));
        boolean exists = run("id", "-u", NAME) != null;
        boolean created = false;
        if (!exists) {
            Assumptions.assumeTrue(run("useradd", "--system", "--no-create-home", "--shell", "/bin/sh", NAME) != null,
                    "useradd could not create the second user " + NAME);
            created = true;
        }
        Path classes = Files.createTempDirectory(Path.of("/tmp"), "aiq-dev-other-classes");
        for (Class<?> program : programs) {
            String file = program.getName().replace('.', '/') + ".class";
            Path target = classes.resolve(file);
            Files.createDirectories(target.getParent());
            Files.copy(Path.of(System.getProperty("aiq.test.classes")).resolve(file), target);
        }
        try (var paths = Files.walk(classes)) {
            for (Path path : paths.toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        OtherUser user = new OtherUser(created, classes);
        Assumptions.assumeTrue(run("runuser", "-u", NAME, "--", java(), "-version") != null,
                "the second user cannot run " + java() + " (a JDK in a private directory?)");
        return user;
    }

    /** Starts {@code main} with {@code jvmOptions} as this user and waits for its first line (its "ready"). */
    Program start(List<String> jvmOptions, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Xshare:auto", "-cp", classes.toString(), main.getName()));
        command.addAll(List.of(args));
        return Program.start(wrap(command));
    }

    /**
     * Starts {@code main} as this user with {@code -Daiq.dev.control=<directory>/<its own pid>.sock}: what a JVM
     * that publishes a socket named after itself looks like. The shell's {@code exec} keeps the pid.
     */
    Program startPublishing(Path directory, Class<?> main, String... args) throws IOException {
        String command = "exec " + java() + " -Xshare:auto -Daiq.dev.control=" + directory + "/$$.sock -cp "
                + classes + " " + main.getName() + " " + String.join(" ", args);
        return Program.start(wrap(List.of("/bin/sh", "-c", command)));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try (var paths = Files.walk(classes)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        if (created) {
            run("userdel", NAME);
        }
    }

    private static List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", NAME, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    static String java() {
        return Path.of(System.getProperty("it.jdk", System.getProperty("java.home")), "bin", "java").toString();
    }

    /** Runs a command to its end; its output, or null when it failed. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return null;
        }
        return process.exitValue() == 0 ? output : null;
    }

    /** A program running as the other user: its pid, its first line, and all it printed once it ended. */
    static final class Program implements AutoCloseable {

        private final Process process;
        private final BufferedReader output;
        private final String firstLine;

        private Program(Process process, BufferedReader output, String firstLine) {
            this.process = process;
            this.output = output;
            this.firstLine = firstLine;
        }

        private static Program start(List<String> command) throws IOException {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            String first = output.readLine();
            if (first == null || first.startsWith("Error") || first.startsWith("Exception")) {
                process.destroyForcibly();
                throw new IllegalStateException("the program did not start as " + NAME + ": " + first);
            }
            return new Program(process, output, first);
        }

        /** The pid of the program (runuser execs it, so it is the process started). */
        long pid() {
            return process.toHandle().descendants().findFirst().orElse(process.toHandle()).pid();
        }

        String firstLine() {
            return firstLine;
        }

        /** Closes its input, which ends it, and returns everything it printed after its first line. */
        String finish() throws IOException, InterruptedException {
            process.getOutputStream().close();
            StringBuilder rest = new StringBuilder();
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                rest.append(line).append('\n');
            }
            if (!process.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return rest.toString();
        }

        @Override
        public void close() throws IOException, InterruptedException {
            if (process.isAlive()) {
                finish();
            }
        }
    }
}
