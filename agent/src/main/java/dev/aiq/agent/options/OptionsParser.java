package dev.aiq.agent.options;

import dev.aiq.agent.mask.Masking;
import dev.aiq.api.ConfigOverrides;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the agent's option string: {@code key=value} pairs separated by commas, a bare first word being the config
 * path, or {@code @file} with one {@code key=value} per line (so values may hold commas). Never throws: a bad option
 * becomes a problem line and its default stays. Uses only the JDK, since it runs inside premain. Internal.
 */
public final class OptionsParser {

    static final Duration DEFAULT_DELAY = Duration.ofMillis(500);
    static final Duration DEFAULT_POLL = Duration.ofSeconds(2);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private OptionsParser() {
    }

    /** Parses {@code args} (may be null) with the process environment. */
    public static AgentOptions parse(String args) {
        return parse(args, System.getenv());
    }

    /** Parses {@code args} (may be null) with {@code env} as the environment. */
    public static AgentOptions parse(String args, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        return parse(pairs(args, problems), problems, env);
    }

    /**
     * Parses {@code key=value} lines as an options file holds them, without any environment: what {@code aiq-dev
     * attach} checks before it sends them, so that the CLI refuses what the agent would.
     */
    public static AgentOptions parseLines(List<String> lines) {
        return parse(lines, new ArrayList<>(), Map.of());
    }

    /**
     * Parses the options of a second load of the agent over the running ones: what {@code args} names replaces the
     * running value, and everything it does not name stays as it runs (a bare {@code aiq-dev attach} must not put a
     * host started with {@code delay=0} back to the default delay). Providers and overrides given are added to the
     * running ones, as the agent applies them; the environment was read at the first load and is not read again.
     */
    public static AgentOptions parseOver(String args, AgentOptions running) {
        List<String> problems = new ArrayList<>();
        return parse(pairs(args, problems), problems, Map.of(), new Builder(running));
    }

    private static AgentOptions parse(List<String> pairs, List<String> readProblems, Map<String, String> env) {
        return parse(pairs, readProblems, env, new Builder());
    }

    private static AgentOptions parse(List<String> pairs, List<String> readProblems, Map<String, String> env,
                                      Builder b) {
        b.problems.addAll(readProblems);
        String delayEnv = env.get("AIQ_DEV_MODE_DELAY");
        if (delayEnv != null && !delayEnv.isBlank()) {
            b.set("delay", delayEnv.trim(), "environment variable AIQ_DEV_MODE_DELAY");
        }
        String logEnv = env.get("AIQ_LOG_LEVEL");
        if (logEnv != null && !logEnv.isBlank()) {
            b.set("log", logEnv.trim(), "environment variable AIQ_LOG_LEVEL");
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                if (b.config == null && b.firstWord) {
                    b.set("config", pair, "option");
                } else {
                    b.problems.add("aiq-dev: ignoring option " + Masking.quote("", pair) + ": expected key=value");
                }
            } else {
                b.set(pair.substring(0, eq).trim().toLowerCase(Locale.ROOT), pair.substring(eq + 1).trim(), "option");
            }
            b.firstWord = false;
        }
        return b.build();
    }

    private static List<String> pairs(String args, List<String> problems) {
        List<String> pairs = new ArrayList<>();
        if (args == null || args.isBlank()) {
            return pairs;
        }
        String text = args.trim();
        if (text.startsWith("@")) {
            Path file = Path.of(text.substring(1));
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String trimmed = line.strip();
                    if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                        pairs.add(trimmed);
                    }
                }
            } catch (IOException | RuntimeException e) {
                problems.add("aiq-dev: cannot read options file " + file + ": " + e.getMessage());
            }
            return pairs;
        }
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                pairs.add(part.trim());
            }
        }
        return pairs;
    }

    /** Collects option values; defaults where nothing (valid) was given. */
    private static final class Builder {
        final List<String> problems = new ArrayList<>();
        final List<ProviderSpec> providers = new ArrayList<>();
        final List<Path> watch = new ArrayList<>();
        final List<ConfigOverrides.Entry> overrides = new ArrayList<>();
        boolean firstWord = true;
        Path config;
        Duration delay = DEFAULT_DELAY;
        Duration poll = DEFAULT_POLL;
        Duration timeout = DEFAULT_TIMEOUT;
        boolean events = true;
        int maxAttempts = 3;
        int history = 10;
        int maxConfigs = 32;
        boolean knownLoaders = true;
        String log = "info";
        Path root;
        private boolean watchGiven;

        Builder() {
        }

        /** Starts from the running options instead of the defaults. */
        Builder(AgentOptions running) {
            config = running.config();
            delay = running.delay();
            poll = running.poll();
            timeout = running.listenerTimeout();
            events = running.events();
            maxAttempts = running.maxAttempts();
            history = running.history();
            maxConfigs = running.maxConfigs();
            knownLoaders = running.knownLoaders();
            log = running.logLevel();
            root = running.root();
            watch.addAll(running.watch());
        }

        void set(String key, String value, String source) {
            try {
                switch (key) {
                    case "config", "config_file" -> config = Path.of(nonEmpty(value));
                    case "provider" -> providers.add(ProviderSpec.parse(value));
                    case "delay" -> delay = seconds(value, true);
                    case "poll" -> poll = seconds(value, true);
                    case "timeout" -> timeout = seconds(value, false);
                    case "events" -> events = bool(value);
                    case "known_loaders" -> knownLoaders = bool(value);
                    case "watch" -> {
                        if (!watchGiven) {
                            // the first watch= given replaces the running set; more watch= add to it
                            watch.clear();
                            watchGiven = true;
                        }
                        for (String file : value.split(";")) {
                            if (!file.isBlank()) {
                                watch.add(Path.of(file.trim()));
                            }
                        }
                    }
                    case "max_attempts" -> maxAttempts = positive(value);
                    case "history" -> history = positive(value);
                    case "max_configs" -> maxConfigs = positive(value);
                    case "log" -> log = level(value);
                    case "root" -> root = Path.of(nonEmpty(value));
                    case "override" -> {
                        int eq = value.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("expected override=PATH=VALUE");
                        }
                        overrides.add(new ConfigOverrides.Entry(value.substring(0, eq).trim(), value.substring(eq + 1)));
                    }
                    default -> problems.add("aiq-dev: ignoring unknown option '" + key + "' (known: config, provider,"
                            + " delay, poll, events, watch, max_attempts, history, max_configs, log, timeout, override, root,"
                            + " known_loaders)");
                }
            } catch (RuntimeException e) {
                // an override's value may be a secret: never echoed
                problems.add("aiq-dev: ignoring " + source + " " + key
                        + ("override".equals(key) ? "" : "=" + Masking.quote(key, value)) + ": " + Masking.text(e.getMessage()));
            }
        }

        AgentOptions build() {
            return new AgentOptions(config, providers, delay, poll, events, watch, maxAttempts, history, log, timeout,
                    ConfigOverrides.of(overrides), problems, maxConfigs, root, knownLoaders);
        }

        private static String nonEmpty(String value) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException("a value is required");
            }
            return value;
        }

        private static Duration seconds(String value, boolean zeroAllowed) {
            double s;
            try {
                s = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected seconds, e.g. 0.5");
            }
            if (!(s >= 0) || s > 86_400 || (!zeroAllowed && s == 0)) {
                throw new IllegalArgumentException("expected seconds between " + (zeroAllowed ? "0" : "0 (exclusive)") + " and 86400");
            }
            return Duration.ofNanos(Math.round(s * 1e9));
        }

        private static boolean bool(String value) {
            if (value.equalsIgnoreCase("true")) {
                return true;
            }
            if (value.equalsIgnoreCase("false")) {
                return false;
            }
            throw new IllegalArgumentException("expected true or false");
        }

        private static int positive(String value) {
            try {
                int n = Integer.parseInt(value);
                if (n >= 1 && n <= 10_000) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException("expected a whole number from 1 to 10000");
        }

        private static String level(String value) {
            String lower = value.toLowerCase(Locale.ROOT);
            return switch (lower) {
                case "trace", "debug", "info", "warn", "error", "off" -> lower;
                case "warning" -> "warn";
                default -> throw new IllegalArgumentException("expected trace, debug, info, warn, error or off");
            };
        }
    }
}
