package dev.aiq.sample.configs;

import dev.aiq.api.ConfigOverrides;
import dev.aiq.api.ConfigProvider;
import dev.aiq.api.DevMode;
import dev.aiq.api.ReloadEvent;
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
 * <p>Two reload listeners print what they hear, {@code heard by every config: tools.yml generation 2 name=wrench}:
 * one registered for every config of the type, one for the tools file only.
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
        DevMode.onReload(configType(), event -> hear("every config", event));
        DevMode.onReload(configType(), Path.of(tools), event -> hear("tools only", event));
        HostLoop.tickForever(() -> "root.name=" + name(load(root, overrides))
                + " tools.name=" + name(load(Path.of(tools), overrides)));
    }

    private static void hear(String listener, ReloadEvent<Map<String, Object>> event) {
        System.out.println("heard by " + listener + ": " + event.configFile().getFileName() + " generation "
                + event.generation() + " name=" + name(event.current()));
    }

    /** {@code Map.class} is a raw {@code Class}; the provider's configs are {@code Map<String, Object>}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<Map<String, Object>> configType() {
        return (Class) Map.class;
    }

    private static String name(Map<String, Object> config) {
        return config == null ? "null" : String.valueOf(config.get("name"));
    }
}
