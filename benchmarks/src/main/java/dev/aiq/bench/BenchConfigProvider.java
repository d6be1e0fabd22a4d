package dev.aiq.bench;

import dev.aiq.api.ConfigProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The config providers of {@link ProviderReadBenchmark}: each reads a file into a new {@link BenchConfig} on every
 * call of its own code, so a call that returns the same instance twice shows that the agent's weave answered it.
 * Internal.
 */
public final class BenchConfigProvider {

    private BenchConfigProvider() {
    }

    /**
     * Reads {@code file}.
     *
     * @param file the config file, not null
     * @return a new config, never null
     */
    @ConfigProvider
    public static BenchConfig load(Path file) {
        return read(file);
    }

    /**
     * Reads the file named by {@code fileName}: a provider that takes its file as a string, as many loaders do.
     *
     * @param fileName the config file's path, not null
     * @return a new config, never null
     */
    @ConfigProvider
    public static BenchConfig loadNamed(String fileName) {
        return read(Path.of(fileName));
    }

    private static BenchConfig read(Path file) {
        try {
            return new BenchConfig(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The config the provider returns.
     *
     * @param text the file's content
     */
    public record BenchConfig(String text) {
    }
}
