package dev.aiq.sample.reliability;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiq.api.ConfigProvider;
import dev.aiq.api.DevMode;
import dev.aiq.api.ReloadEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.matcher.ElementMatchers;
import org.tinylog.Logger;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Internal. The tiny host of the reliability suite, run in a child JVM under the agent with libraries of its own:
 * SnakeYAML 1.33, Jackson 2.15, ByteBuddy 1.14 and tinylog 2.6 with a {@code tinylog.properties} whose format starts
 * every line with {@code HOST} (see {@code Hosts.tinyHost}).
 *
 * <p>Its provider parses the YAML with its SnakeYAML and binds it with its Jackson; its listener logs every change
 * through its tinylog, naming a class it has just made with its ByteBuddy. Two keys are faults:
 * {@code interrupt_provider} interrupts the thread that runs the provider (the agent's reload thread, on a reload)
 * and {@code interrupt_listener} the thread that runs the listener. With {@code --readers N --swaps M} it runs
 * {@link SwapReaders} instead and exits 0 only if every read was consistent.
 *
 * <p>Usage: {@code TinyHost --config_file F [--readers N --swaps M]}; without readers it runs until stdin ends.
 */
public final class TinyHost {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often the provider's own code ran, by thread name: only main and the agent's reload thread may. */
    private static final Map<String, LongAdder> ORIGINAL_RUNS = new ConcurrentHashMap<>();

    private TinyHost() {
    }

    /**
     * The tiny host's config.
     *
     * @param greeting          what the listener logs
     * @param a                 must always equal {@code b}
     * @param b                 must always equal {@code a}
     * @param interruptProvider the provider interrupts the thread that runs it
     * @param interruptListener the listener interrupts the thread that runs it
     */
    public record TinyConfig(
            @JsonProperty("greeting") String greeting,
            @JsonProperty("a") long a,
            @JsonProperty("b") long b,
            @JsonProperty("interrupt_provider") boolean interruptProvider,
            @JsonProperty("interrupt_listener") boolean interruptListener) {
    }

    /** The config provider: SnakeYAML (the host's) reads the file, Jackson (the host's) binds it. */
    @ConfigProvider
    public static TinyConfig load(Path file) throws IOException {
        ORIGINAL_RUNS.computeIfAbsent(Thread.currentThread().getName(), name -> new LongAdder()).increment();
        Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        TinyConfig config = JSON.convertValue(tree, TinyConfig.class);
        if (config.interruptProvider() && !Thread.currentThread().getName().equals("main")) {
            Thread.currentThread().interrupt();
        }
        return config;
    }

    /** Runs the host; see the class comment. */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(argument(args, "--config_file", null));
        int readers = Integer.parseInt(argument(args, "--readers", "0"));
        TinyConfig config = load(file);
        if (readers > 0) {
            int swaps = Integer.parseInt(argument(args, "--swaps", "1000"));
            System.exit(new SwapReaders(file, readers, swaps).run() ? 0 : 1);
        }
        Logger.info("started greeting={} json={} libraries: {}", config.greeting(), JSON.writeValueAsString(config),
                libraries());
        DevMode.onReload(TinyConfig.class, TinyHost::apply);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (in.readLine() != null) {
            // runs until stdin ends
        }
    }

    /** Returns how often the provider's own code ran, by thread name, as {@code name x count}. */
    static String originalRuns() {
        return ORIGINAL_RUNS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(run -> run.getKey() + " x" + run.getValue().sum()).collect(Collectors.joining(", "));
    }

    /** Tells whether the provider's own code ran on a thread other than {@code allowed}. */
    static boolean originalRanOutside(List<String> allowed) {
        return !allowed.containsAll(ORIGINAL_RUNS.keySet());
    }

    private static void apply(ReloadEvent<TinyConfig> event) throws Exception {
        TinyConfig next = event.current();
        if (next.interruptListener()) {
            Thread.currentThread().interrupt();
        }
        Logger.info("applied generation {} greeting={} json={} on {}", event.generation(), greeter(next.greeting()),
                JSON.writeValueAsString(next), Thread.currentThread().getName());
    }

    /** Makes a class with the host's ByteBuddy whose {@code toString()} is the greeting, and returns that. */
    private static String greeter(String greeting) throws ReflectiveOperationException {
        return new ByteBuddy(ClassFileVersion.JAVA_V11)
                .subclass(Object.class)
                .method(ElementMatchers.named("toString"))
                .intercept(FixedValue.value(String.valueOf(greeting)))
                .make()
                .load(TinyHost.class.getClassLoader())
                .getLoaded()
                .getDeclaredConstructor()
                .newInstance()
                .toString();
    }

    /** The jar each of the host's libraries was loaded from. */
    private static String libraries() {
        String jars = Stream.of(Yaml.class, ObjectMapper.class, ByteBuddy.class, Logger.class)
                .map(TinyHost::jarOf).collect(Collectors.joining(" "));
        try {
            return jars + " " + jarOf(Class.forName("org.tinylog.core.TinylogLoggingProvider"));
        } catch (ClassNotFoundException e) {
            return jars + " (no tinylog-impl)";
        }
    }

    private static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).getFileName().toString();
        } catch (URISyntaxException | RuntimeException e) {
            return type.getName() + " from ?";
        }
    }

    private static String argument(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        if (fallback == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return fallback;
    }
}
