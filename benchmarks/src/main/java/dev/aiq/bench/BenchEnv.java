package dev.aiq.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the benchmarks find what they run, from system properties: {@code bench.java.home} (default: this JVM's),
 * {@code aiq.dev.jar} (default {@code agent/target/aiq-dev.jar}), {@code sample.host.jar} (default
 * {@code sample-host/target/sample-host.jar}), and {@code bench.quick} for the fast smoke pass. Internal.
 *
 * @param javaHome  the JDK that runs the hosts
 * @param agentJar  the shaded agent jar
 * @param hostJar   the sample host jar
 * @param quick     whether to take few samples (a smoke pass, not a measurement)
 */
record BenchEnv(Path javaHome, Path agentJar, Path hostJar, boolean quick) {

    /** Reads the system properties and checks that both jars exist. */
    static BenchEnv fromSystemProperties() {
        BenchEnv env = new BenchEnv(
                Path.of(System.getProperty("bench.java.home", System.getProperty("java.home"))),
                Path.of(System.getProperty("aiq.dev.jar", "agent/target/aiq-dev.jar")).toAbsolutePath(),
                Path.of(System.getProperty("sample.host.jar", "sample-host/target/sample-host.jar")).toAbsolutePath(),
                Boolean.getBoolean("bench.quick"));
        for (Path jar : new Path[] {env.agentJar, env.hostJar}) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("no " + jar + ": build first (./mvnw -B -q -DskipTests package)");
            }
        }
        return env;
    }

    /** The {@code java} launcher of {@link #javaHome}. */
    String java() {
        return javaHome.resolve("bin").resolve("java").toString();
    }

    /** {@code -javaagent:aiq-dev.jar=options} (no {@code =} when {@code options} is empty). */
    String javaagent(String options) {
        return "-javaagent:" + agentJar + (options.isEmpty() ? "" : "=" + options);
    }

    /** Picks the quick or the full number of samples. */
    int samples(int quickCount, int fullCount) {
        return quick ? quickCount : fullCount;
    }

    /** A new temporary directory for one benchmark's configs. */
    static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory("aiq-bench-" + prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The major version of {@link #javaHome}'s JDK, from its {@code release} file (17 if unreadable). */
    int javaFeatureVersion() {
        try {
            for (String line : Files.readAllLines(javaHome.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+-]")[0]);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // fall through
        }
        return 17;
    }
}
