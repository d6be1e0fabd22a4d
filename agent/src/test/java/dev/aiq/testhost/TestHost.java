package dev.aiq.testhost;

import dev.aiq.api.ConfigOverrides;
import dev.aiq.api.ConfigProvider;
import dev.aiq.api.DevMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small host the agent's integration tests run in a child JVM: a provider that parses {@code key: value}
 * lines by hand (no libraries, so nothing of the agent's leaks in), a listener that prints what it applied and
 * vetoes {@code reject: true}, and a command loop on stdin ({@code get} prints the live temperature through the
 * provider, {@code exit} ends).
 *
 * <p>Usage: {@code TestHost --config_file F [--override PATH VALUE]...}
 */
public final class TestHost {

    private TestHost() {
    }

    /** The config provider: parses the file, applies the overrides. */
    @ConfigProvider
    public static Map<String, Object> load(Path file, ConfigOverrides overrides) throws IOException {
        Map<String, Object> tree = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("line " + lineNo + " is not key: value");
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("temperature")) {
                try {
                    tree.put(key, Double.parseDouble(value));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("temperature: '" + value + "' is not a number");
                }
            } else {
                tree.put(key, value);
            }
        }
        return overrides.applyTo(tree);
    }

    public static void main(String[] args) throws Exception {
        Path file = null;
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config_file")) {
                file = Path.of(args[++i]);
            } else if (args[i].equals("--override")) {
                pairs.add(args[++i]);
                pairs.add(args[++i]);
            }
        }
        ConfigOverrides overrides = ConfigOverrides.ofPairs(pairs);
        Map<String, Object> config = load(file, overrides);
        System.out.println("STARTED temperature=" + config.get("temperature"));
        DevMode.onReload(event -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> next = (Map<String, Object>) event.current();
            if ("true".equals(next.get("reject")) && !event.rollback()) {
                throw new IllegalStateException("the test host rejects this config");
            }
            System.out.println("APPLIED temperature=" + next.get("temperature") + " generation=" + event.generation()
                    + (event.rollback() ? " rollback" : ""));
        });
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("get")) {
                System.out.println("TEMPERATURE " + load(file, overrides).get("temperature") + " generation=" + DevMode.generation());
            } else if (line.equals("exit")) {
                break;
            }
        }
    }
}
