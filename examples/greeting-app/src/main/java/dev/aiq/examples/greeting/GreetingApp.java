package dev.aiq.examples.greeting;

import dev.aiq.api.ConfigOverrides;
import dev.aiq.api.ConfigProvider;
import dev.aiq.api.DevMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small app whose whole config is a YAML greeting ({@code greeting: Hello} and {@code name: world}, flat
 * {@code key: value} lines read without a library): it prints {@code Hello, world!} for every {@code greet} line on
 * stdin, reading the config through its {@link ConfigProvider} each time, and says when a reload was applied.
 *
 * <p>Usage: {@code GreetingApp <config.yaml>}; {@code exit} or the end of stdin ends it.
 */
public final class GreetingApp {

    private GreetingApp() {
    }

    /** The config provider: the file's {@code key: value} lines; {@code greeting} is required. */
    @ConfigProvider
    public static Map<String, Object> load(Path file, ConfigOverrides overrides) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>(Map.of("name", "world"));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1);
            int colon = line.indexOf(':');
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (colon <= 0) {
                throw new IllegalArgumentException(file + ":" + number + ":1: expected 'key: value'");
            }
            config.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        Map<String, Object> effective = overrides.applyTo(config);
        if (!effective.containsKey("greeting")) {
            throw new IllegalArgumentException(file + ": 'greeting' is required");
        }
        return effective;
    }

    /** Runs the app. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        ConfigOverrides overrides = ConfigOverrides.none();
        System.out.println("READY " + text(load(file, overrides)));
        DevMode.onReload(event -> System.out.println("APPLIED generation=" + event.generation()));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("exit"); line = in.readLine()) {
            if (line.equals("greet")) {
                System.out.println("GREETING " + text(load(file, overrides)));
            }
        }
    }

    private static String text(Map<String, Object> config) {
        return config.get("greeting") + ", " + config.get("name") + "!";
    }
}
