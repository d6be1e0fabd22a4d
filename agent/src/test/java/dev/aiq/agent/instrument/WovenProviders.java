package dev.aiq.agent.instrument;

import dev.aiq.api.ConfigOverrides;
import dev.aiq.api.ConfigProvider;
import java.nio.file.Path;
import java.util.List;

/** Providers of every shape the weaver must handle; each counts how often its own code ran. */
public class WovenProviders {
    public static int staticCalls;
    public int instanceCalls;

    @ConfigProvider
    public static List<String> load(Path file, ConfigOverrides overrides) {
        staticCalls++;
        file = null; // reassigning a parameter must not change what was recorded
        return List.of("static", String.valueOf(staticCalls), String.valueOf(overrides.entries().size()));
    }

    public long counter(int step, double scale, long base) {
        instanceCalls++;
        return base + (long) (step * scale) + instanceCalls;
    }

    public int notAProvider() {
        return 7;
    }
}
