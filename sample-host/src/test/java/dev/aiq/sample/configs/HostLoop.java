package dev.aiq.sample.configs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Internal. What the hosts of this package share: reading a YAML file as an app does (the host's own SnakeYAML), and
 * the tick loop that calls the host's provider and prints {@code tick N <what it got>} on standard output.
 */
final class HostLoop {

    /** How long the loop sleeps between ticks: a few hundred lines a minute, enough to see every step. */
    private static final long TICK_MILLIS = 60;

    private HostLoop() {
    }

    /**
     * Returns {@code file} parsed as a YAML map; an empty file is an empty map.
     *
     * @throws IOException              if it cannot be read
     * @throws IllegalArgumentException if it is not a map
     */
    static Map<String, Object> readYaml(Path file) throws IOException {
        Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        if (tree == null) {
            return new LinkedHashMap<>();
        }
        if (!(tree instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + " is not a YAML map");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return copy;
    }

    /**
     * Prints {@code tick N } and what {@code tick} returns, forever, one line per tick; an exception is printed as
     * {@code tick N error <exception>} (a host under the agent must never print one).
     */
    static void tickForever(Callable<String> tick) throws InterruptedException {
        for (long n = 1; ; n++) {
            String line;
            try {
                line = tick.call();
            } catch (Exception e) {
                line = "error " + e;
            }
            System.out.println("tick " + n + " " + line);
            System.out.flush();
            Thread.sleep(TICK_MILLIS);
        }
    }
}
