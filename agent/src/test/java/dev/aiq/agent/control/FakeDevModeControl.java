package dev.aiq.agent.control;

import dev.aiq.agent.protocol.Change;
import dev.aiq.agent.protocol.ConfigStatus;
import dev.aiq.agent.protocol.JvmStatus;
import dev.aiq.agent.protocol.PluginStatus;
import dev.aiq.agent.protocol.ReloadOutcome;
import dev.aiq.agent.protocol.ShownConfig;
import dev.aiq.agent.protocol.Timings;
import dev.aiq.agent.reload.HistoryEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A test fixture: a {@link DevModeControl} over fake configs (by default one, {@code /srv/app/config.yml}) that
 * records every call in order and answers with fixed, recognisable values (generation 7, one change of
 * {@code llms.nim_llm.temperature}). {@link #calls()} holds the JVM's calls and every config's operations but
 * {@code status()} (a JVM status reads each config's); {@link FakeConfig#calls()} one config's, its status included.
 * {@link #failWith} makes every later call throw. Thread-safe.
 */
public final class FakeDevModeControl implements DevModeControl {

    /** When every value was made. */
    public static final Instant AT = Instant.parse("2026-11-27T10:15:30Z");
    /** The config file of the default config. */
    public static final String CONFIG = "/srv/app/config.yml";
    /** The change every outcome reports. */
    public static final Change CHANGE = new Change("llms.nim_llm.temperature", 0.7, 0.9);
    /** The live tree {@code show} shows of every config: a secret, numbers, a list. */
    public static final Map<String, Object> TREE = Map.of(
            "llms", Map.of("nim_llm", Map.of("_type", "nim", "temperature", 0.7, "max_tokens", 512,
                    "api_key", "nvapi-secret-in-tree")),
            "workflow", Map.of("tool_names", List.of("search", "calc")));
    /** The provider every config comes from. */
    public static final String PROVIDER = "com.acme.ConfigLoader#load";

    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<FakeConfig> configs = new CopyOnWriteArrayList<>();
    private final List<Consumer<ConfigControl>> listeners = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<ConfigControl, ReloadOutcome>> outcomeListeners = new CopyOnWriteArrayList<>();
    private volatile RuntimeException failure;
    private volatile Runnable onDetach = () -> { };
    private volatile ReloadOutcome answer;

    /** A JVM with one config, {@link #CONFIG}. */
    public FakeDevModeControl() {
        this(CONFIG);
    }

    /** A JVM with a config per file, in order (none: waiting for the provider's first call). */
    public FakeDevModeControl(String... configFiles) {
        for (String file : configFiles) {
            configs.add(new FakeConfig(file));
        }
    }

    /** Adds a config for {@code file} and tells every {@link #onConfigAdded} listener, as a new outermost call does. */
    public FakeConfig addConfig(String file) {
        FakeConfig config = new FakeConfig(file);
        configs.add(config);
        listeners.forEach(listener -> listener.accept(config));
        return config;
    }

    /** The {@code index}th config. */
    public FakeConfig config(int index) {
        return configs.get(index);
    }

    /** Makes every later call throw {@code exception}. */
    public FakeDevModeControl failWith(RuntimeException exception) {
        this.failure = exception;
        return this;
    }

    /** Makes reload, validate, rollback, set and unset of every config return {@code outcome}. */
    public FakeDevModeControl answerWith(ReloadOutcome outcome) {
        this.answer = outcome;
        return this;
    }

    /** Runs {@code action} when {@link #detach()} is called (the real control closes its plane there). */
    public FakeDevModeControl onDetach(Runnable action) {
        this.onDetach = action;
        return this;
    }

    /** Returns the calls so far, as {@code name(arguments)}, in order. */
    public List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** The successful outcome of {@code kind}: generation 7, one change, some timings. */
    public static ReloadOutcome outcome(ReloadOutcome.Kind kind, String message) {
        return new ReloadOutcome(kind, true, 7, message, List.of(), List.of(CHANGE), new Timings(1.5, 2.25, 3.0), AT);
    }

    @Override
    public JvmStatus status() {
        record("status()");
        List<ConfigStatus> statuses = configs.stream().map(FakeConfig::snapshot).toList();
        return new JvmStatus(true, 4242, List.of(PROVIDER), statuses, List.of());
    }

    @Override
    public List<ConfigControl> configs() {
        return List.copyOf(configs);
    }

    @Override
    public void onConfigAdded(Consumer<ConfigControl> listener) {
        listeners.add(listener);
    }

    @Override
    public void onOutcome(BiConsumer<ConfigControl, ReloadOutcome> listener) {
        outcomeListeners.add(listener);
    }

    @Override
    public void detach() {
        record("detach()");
        onDetach.run();
    }

    private void record(String call) {
        calls.add(call);
        RuntimeException toThrow = failure;
        if (toThrow != null) {
            throw toThrow;
        }
    }

    /** One fake config: named after its file, the same fixed answers as every other. */
    public final class FakeConfig implements ConfigControl {

        private final Path file;
        private final List<String> own = Collections.synchronizedList(new ArrayList<>());
        private volatile PluginStatus plugins;

        FakeConfig(String file) {
            this.file = Path.of(file);
        }

        /** Makes {@code set} the live plugin set its status reports (none until then). */
        public FakeConfig withPlugins(PluginStatus set) {
            plugins = set;
            return this;
        }

        /** This config's calls so far, its {@code status()} included, in order. */
        public List<String> calls() {
            synchronized (own) {
                return List.copyOf(own);
            }
        }

        @Override
        public String name() {
            return file.getFileName().toString();
        }

        @Override
        public Path configFile() {
            return file;
        }

        @Override
        public ConfigStatus status() {
            own.add("status()");
            rethrow();
            return snapshot();
        }

        ConfigStatus snapshot() {
            return new ConfigStatus(name(), file.toString(), PROVIDER, true, 7, "ab12cd34ef56ab12cd34",
                    outcome(ReloadOutcome.Kind.RELOAD, "Configuration reloaded successfully"), 0, 3,
                    List.of(file.toString(), file.resolveSibling("base.yml").toString()), List.of(), 0.5, 10, true,
                    List.of("llms.nim_llm.temperature=0.8"), Map.of("llms.nim_llm.api_key", "****"), 4, plugins);
        }

        @Override
        public ReloadOutcome reload(boolean validateOnly) {
            record("reload(" + validateOnly + ")");
            return answer(validateOnly ? ReloadOutcome.Kind.VALIDATE : ReloadOutcome.Kind.RELOAD,
                    "Configuration reloaded successfully");
        }

        @Override
        public ReloadOutcome validate(Path candidate) {
            record("validate(" + candidate + ")");
            return answer(ReloadOutcome.Kind.VALIDATE, "Configuration is valid");
        }

        @Override
        public ReloadOutcome validate(Path file, String text) {
            record("validate(" + file + ", " + text.length() + " chars)");
            return answer(ReloadOutcome.Kind.VALIDATE, "Configuration is valid");
        }

        @Override
        public List<Change> diff(long from, long to) {
            record("diff(" + from + "," + to + ")");
            return List.of(CHANGE, new Change("workflow.max_iterations", null, 5));
        }

        @Override
        public List<HistoryEntry> history() {
            record("history()");
            Map<Path, String> sources = new LinkedHashMap<>();
            sources.put(file, "llms:\n  nim_llm:\n    api_key: secret-in-source\n");
            sources.put(file.resolveSibling("base.yml"), "general: {}\n");
            return List.of(
                    new HistoryEntry(7, AT, "ab12cd34ef56ab12cd34", "file change", sources,
                            Map.of("llms", Map.of("nim_llm", Map.of("api_key", "secret-in-tree"))), "app value"),
                    new HistoryEntry(6, AT.minusSeconds(60), "0011223344556677", "start", Map.of(file, ""),
                            Map.of(), "older app value"));
        }

        @Override
        public ReloadOutcome rollback(int steps) {
            record("rollback(" + steps + ")");
            return answer(ReloadOutcome.Kind.ROLLBACK, "Configuration rolled back successfully");
        }

        @Override
        public ReloadOutcome set(String path, String value) {
            record("set(" + path + "," + value + ")");
            return answer(ReloadOutcome.Kind.RELOAD, "Configuration reloaded successfully");
        }

        @Override
        public ReloadOutcome unset(String path) {
            record("unset(" + path + ")");
            return answer(ReloadOutcome.Kind.RELOAD, "Configuration reloaded successfully");
        }

        @Override
        public void clearHistory() {
            record("clearHistory()");
        }

        @Override
        public ShownConfig show(String path) {
            record("show(" + path + ")");
            return ConfigView.show(name(), 7, TREE, path);
        }

        /** Tells every {@link #onOutcome} listener that this config had {@code outcome}, as a reload does. */
        public void emit(ReloadOutcome outcome) {
            outcomeListeners.forEach(listener -> listener.accept(this, outcome));
        }

        private ReloadOutcome answer(ReloadOutcome.Kind kind, String message) {
            ReloadOutcome fixed = answer;
            return fixed != null ? fixed : outcome(kind, message);
        }

        private void record(String call) {
            own.add(call);
            calls.add(call);
            rethrow();
        }

        private void rethrow() {
            RuntimeException toThrow = failure;
            if (toThrow != null) {
                throw toThrow;
            }
        }

        @Override
        public String toString() {
            return "fake config " + file;
        }
    }
}
