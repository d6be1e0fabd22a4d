package dev.aiq.sample.reliability;

import dev.aiq.api.DevMode;
import dev.aiq.junit.AppProcess;
import dev.aiq.sample.testing.HostProcess;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Starts the hosts of the reliability suite under the agent: the sample host ({@code serve fastapi} on a free port,
 * fault hooks armed) and the {@link TinyHost}, each a child JVM with {@code -javaagent:aiq-dev.jar=OPTIONS}.
 *
 * <p>The agent jar is the system property {@code aiq.dev.jar}; the tiny host's own libraries are the jars in
 * {@code isolation.libs} (both set by the sample host's pom).
 */
final class Hosts {

    private Hosts() {
    }

    /**
     * Starts {@code java -Dsample.faults=true -javaagent:aiq-dev.jar=agentOptions -jar sample-host.jar serve fastapi
     * --config_file config --override general.front_end.port 0} in the config's directory.
     */
    static AppProcess sampleHost(Path config, String agentOptions, String... jvmArgs) {
        return AppProcess.start(HostProcess.serve(config)
                .jvmArgs(jvmArgs)
                .jvmArgs("-Dsample.faults=true", "-javaagent:" + agentJar() + "=" + agentOptions)
                .override("general.front_end.port", "0")
                .command(), config.getParent());
    }

    /**
     * Starts {@code java -javaagent:aiq-dev.jar=agentOptions -cp <tiny host class path> TinyHost --config_file config
     * args...}: the test classes, agent-api, the host's own Jackson, SnakeYAML, ByteBuddy and tinylog, and its
     * {@code tinylog.properties}; nothing of the sample host or of the test JVM's libraries. It runs in the config's
     * directory.
     */
    static AppProcess tinyHost(Path config, String agentOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.add("-javaagent:" + agentJar() + "=" + agentOptions);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, tinyHostClassPath()));
        command.add(TinyHost.class.getName());
        command.add("--config_file");
        command.add(config.toString());
        command.addAll(List.of(args));
        return AppProcess.start(command, config.getParent());
    }

    /** Returns {@code bin/java} of the JDK the hosts run on ({@code it.jdk}, default: this JVM's). */
    static String java() {
        return javaHome().resolve("bin").resolve("java").toString();
    }

    /** Returns {@code bin/jcmd} of the JDK the hosts run on. */
    static String jcmd() {
        return javaHome().resolve("bin").resolve("jcmd").toString();
    }

    private static Path javaHome() {
        return Path.of(System.getProperty("it.jdk", System.getProperty("java.home")));
    }

    private static Path agentJar() {
        Path jar = Path.of(System.getProperty("aiq.dev.jar", "../agent/target/aiq-dev.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no agent jar at " + jar.toAbsolutePath() + ": package the agent first");
        }
        return jar.toAbsolutePath();
    }

    private static List<String> tinyHostClassPath() {
        Path testClasses = codeSource(TinyHost.class);
        List<String> path = new ArrayList<>();
        path.add(testClasses.toString());
        path.add(testClasses.resolve("reliability").resolve("isolation").toString());
        path.add(codeSource(DevMode.class).toString());
        Path libs = Path.of(System.getProperty("isolation.libs", "target/isolation-libs"));
        try (Stream<Path> jars = Files.list(libs)) {
            jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().forEach(jar -> path.add(jar.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("no isolation libraries in " + libs.toAbsolutePath()
                    + ": run the sample host's process-test-resources phase", e);
        }
        return path;
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
