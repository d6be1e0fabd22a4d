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

    /**
     * A loader that calls itself for its children, ADK-style: {@code "root"} has children {@code "a"} and
     * {@code "b"}; a name starting with {@code "bad"} throws (the caller sees the exception, wrapped).
     */
    @ConfigProvider
    public static String tree(String name) {
        treeCalls++;
        if (name.startsWith("bad")) {
            throw new IllegalArgumentException("Agent instruction is required");
        }
        if (!name.equals("root")) {
            return name;
        }
        String children;
        try {
            children = tree("a") + "," + tree("b") + "," + tree("bad-c");
        } catch (IllegalArgumentException caughtByTheBody) {
            // the body's own handler must still catch what its callee threw
            children = tree("a") + "," + tree("b") + ",caught";
        }
        return "root[" + children + "]";
    }

    public static int treeCalls;

    public int notAProvider() {
        return 7;
    }
}
