package dev.aiq.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code aiq-dev} launcher the build writes next to the jar, as a real process on the JDK the build runs on: it
 * runs the command line, gives it an AppCDS archive of its classes on first use (in the user's cache), and prints
 * nothing of its own.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("target", "aiq-dev").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void theFirstUseMakesTheArchiveAndEveryUsePrintsWhatTheJarPrints() throws Exception {
        Path config = Files.writeString(tmp.resolve("config.yml"), "workflow:\n  _type: react_agent\n");
        Path cache = tmp.resolve("cache");

        Run first = run(Map.of("XDG_CACHE_HOME", cache.toString()), "validate", "--config_file", config.toString());
        Run second = run(Map.of("XDG_CACHE_HOME", cache.toString()), "validate", "--config_file", config.toString());
        JavaProcess.Result jar = JavaProcess.runJar(List.of(), "validate", "--config_file", config.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo(jar.out()).startsWith(config + " is well-formed");
        assertThat(second.out()).isEqualTo(jar.out());
        assertThat(first.err()).isEqualTo(jar.err());
        assertThat(second.err()).isEqualTo(jar.err());
        try (Stream<Path> archives = Files.list(cache.resolve("aiq-dev"))) {
            assertThat(archives.map(p -> p.getFileName().toString()))
                    .singleElement().satisfies(name -> assertThat(name).matches("cli-\\d+-\\d+\\.jsa"));
        }
    }

    @Test
    void withCdsOffNoArchiveIsMade() throws Exception {
        Path cache = tmp.resolve("cache");

        Run run = run(Map.of("XDG_CACHE_HOME", cache.toString(), "AIQ_DEV_CDS", "off"), "--version");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("aiq-dev ");
        assertThat(cache).doesNotExist();
    }

    @Test
    void aCacheThatCannotBeMadeIsNoReasonToFail() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-directory"), "");

        Run run = run(Map.of("XDG_CACHE_HOME", file.toString()), "--version");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("aiq-dev ");
        assertThat(run.err()).isEmpty();
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(LAUNCHER.toString()), Stream.of(args))
                .toList());
        builder.environment().putAll(environment);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("AIQ_DEV_JAVA_OPTS");
        Process process = builder.start();
        process.getOutputStream().close();
        var out = process.getInputStream();
        var err = process.getErrorStream();
        byte[] outBytes = out.readAllBytes();
        byte[] errBytes = err.readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
        return new Run(process.exitValue(), new String(outBytes, StandardCharsets.UTF_8),
                new String(errBytes, StandardCharsets.UTF_8));
    }
}
