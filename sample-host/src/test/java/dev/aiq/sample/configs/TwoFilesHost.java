package dev.aiq.sample.configs;

import dev.aiq.api.ConfigOverrides;
import dev.aiq.api.ConfigProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Internal. A host with one loader for two files, run in a child JVM: every tick it calls
 * {@code load(root.yml, overrides)} and {@code load(tools.yml, overrides)} with the same overrides object and prints
 * {@code tick N root.name=alpha tools.name=hammer} (each file has a {@code name:} of its own).
 *
 * <p>The root's {@code Path} is the same object on every tick; the tools' is built anew on every tick (an equal
 * {@code Path}, as apps that call {@code Path.of} in a loop pass), so both ways of naming the same file are covered.
 *
 * <p>Usage: {@code TwoFilesHost ROOT_FILE TOOLS_FILE}; runs until it is stopped.
 */
public final class TwoFilesHost {

    private TwoFilesHost() {
    }

    /** The provider: the file's YAML map with the overrides applied (live overrides arrive in them). */
    @ConfigProvider
    public static Map<String, Object> load(Path file, ConfigOverrides overrides) throws IOException {
        return overrides.applyTo(HostLoop.readYaml(file));
    }

    /** Runs the host; see the class comment. */
    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(args[0]);
        String tools = args[1];
        ConfigOverrides overrides = ConfigOverrides.none();
        HostLoop.tickForever(() -> "root.name=" + name(load(root, overrides))
                + " tools.name=" + name(load(Path.of(tools), overrides)));
    }

    private static String name(Map<String, Object> config) {
        return config == null ? "null" : String.valueOf(config.get("name"));
    }
}
