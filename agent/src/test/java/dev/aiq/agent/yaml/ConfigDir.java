package dev.aiq.agent.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A config directory in a test's temp dir: write files into it, read one as the root config, and see the errors as
 * the developer would ({@code config.yml:3:8: ...}, relative to the directory).
 */
final class ConfigDir {

    private final Path dir;
    private final YamlReader reader;

    ConfigDir(Path dir) {
        this(dir, Map.of());
    }

    ConfigDir(Path dir, Map<String, String> env) {
        this(dir, new YamlReader(env));
    }

    ConfigDir(Path dir, YamlReader reader) {
        this.dir = dir;
        this.reader = reader;
    }

    Path dir() {
        return dir;
    }

    Path path(String name) {
        return dir.resolve(name);
    }

    /** Writes {@code lines}, each ended by a newline, to {@code name} (directories created). */
    Path write(String name, String... lines) {
        return writeBytes(name, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    Path writeBytes(String name, byte[] bytes) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the test resource {@code resource} to {@code name}. */
    Path copyResource(String resource, String name) {
        try (InputStream in = ConfigDir.class.getResourceAsStream(resource)) {
            assertThat(in).as("test resource %s", resource).isNotNull();
            return writeBytes(name, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ReadResult read(String name) throws ConfigException {
        return reader.read(dir.resolve(name));
    }

    /** Reads {@code name}, which must fail, and returns every error as printed relative to this directory. */
    List<String> errors(String name) {
        ConfigException failure = catchThrowableOfType(ConfigException.class, () -> read(name));
        assertThat(failure).as("reading %s should fail", name).isNotNull();
        return failure.errors().stream().map(error -> error.render(dir)).toList();
    }

    /** Reads {@code name}, which must fail with exactly one error, and returns it as printed. */
    String error(String name) {
        List<String> errors = errors(name);
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }
}
