package dev.aiq.junit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Where the aiq-dev jar (agent and command line in one) is. In this order:
 * <ol>
 *   <li>the system property {@value #PROPERTY}, which a build sets for its tests (see docs/testing.md);</li>
 *   <li>{@code agent/target/aiq-dev.jar} in the working directory or one of its parents (a build of this project's
 *       reactor);</li>
 *   <li>{@code dev/aiq/aiq-dev-agent/<version>/aiq-dev-agent-<version>.jar} in the local Maven repository
 *       ({@code maven.repo.local}, else {@code ~/.m2/repository}), the version being this kit's.</li>
 * </ol>
 */
public final class AgentJar {

    /** The system property that names the jar. */
    public static final String PROPERTY = "aiq.dev.jar";

    private AgentJar() {
    }

    /**
     * Returns the absolute path of the jar.
     *
     * @throws IllegalStateException naming every place looked at, when none holds it
     */
    public static Path path() {
        List<Path> candidates = candidates();
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("no aiq-dev jar in " + candidates + ": set -D" + PROPERTY
                + "=/path/to/aiq-dev.jar (docs/testing.md)");
    }

    /** Returns {@code -javaagent:<jar>=options}, or {@code -javaagent:<jar>} when {@code options} is empty. */
    public static String javaagent(String options) {
        return "-javaagent:" + path() + (options.isEmpty() ? "" : "=" + options);
    }

    static List<Path> candidates() {
        String named = System.getProperty(PROPERTY);
        if (named != null && !named.isBlank()) {
            // a jar the build names is the one to test; falling back to another would hide a build mistake
            return List.of(Path.of(named).toAbsolutePath());
        }
        List<Path> candidates = new ArrayList<>();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolve("agent").resolve("target").resolve("aiq-dev.jar"));
        }
        String version = kitVersion();
        String repository = System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        candidates.add(Path.of(repository, "dev", "aiq", "aiq-dev-agent", version,
                "aiq-dev-agent-" + version + ".jar"));
        return candidates;
    }

    private static String kitVersion() {
        try (InputStream in = AgentJar.class.getResourceAsStream("kit.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
