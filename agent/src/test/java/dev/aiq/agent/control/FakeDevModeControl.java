package dev.aiq.agent.control;

import dev.aiq.agent.protocol.Change;
import dev.aiq.agent.reload.HistoryEntry;
import dev.aiq.agent.protocol.ReloadOutcome;
import dev.aiq.agent.protocol.ConfigStatus;
import dev.aiq.agent.protocol.Timings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test fixture: a {@link DevModeControl} that records every call in order and answers with fixed, recognisable
 * values (generation 7, config {@code /srv/app/config.yml}, one change of {@code llms.nim_llm.temperature}).
 * {@link #failWith} makes every later call throw. Thread-safe.
 */
public final class FakeDevModeControl implements DevModeControl {

    /** When every value was made. */
    public static final Instant AT = Instant.parse("2026-11-27T10:15:30Z");
    /** The config file in {@link #status()}. */
    public static final String CONFIG = "/srv/app/config.yml";
    /** The change every outcome reports. */
    public static final Change CHANGE = new Change("llms.nim_llm.temperature", "0.7", "0.9");

    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private volatile RuntimeException failure;
    private volatile Runnable onDetach = () -> { };
    private volatile ReloadOutcome answer;

    /** Makes every later call throw {@code exception}. */
    public FakeDevModeControl failWith(RuntimeException exception) {
        this.failure = exception;
        return this;
    }

    /** Makes reload, validate, rollback, set and unset return {@code outcome}. */
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

    private ReloadOutcome answer(ReloadOutcome.Kind kind, String message) {
        ReloadOutcome fixed = answer;
        return fixed != null ? fixed : outcome(kind, message);
    }

    @Override
    public dev.aiq.agent.protocol.JvmStatus status() {
        record("status()");
        return new dev.aiq.agent.protocol.JvmStatus(true, 4242, List.of("com.acme.ConfigLoader#load"),
                List.of(config.status()), List.of());
    }

    @Override
    public List<ConfigControl> configs() {
        return List.of(config);
    }

    @Override
    public void onConfigAdded(java.util.function.Consumer<ConfigControl> listener) {
    }

    private final Config config = new Config();

    private final class Config implements ConfigControl {
        @Override
        public String name() {
            return "config.yml";
        }

        @Override
        public Path configFile() {
            return Path.of(CONFIG);
        }

        @Override
        public dev.aiq.agent.protocol.ConfigStatus status() {
        
            return new dev.aiq.agent.protocol.ConfigStatus("config.yml", CONFIG, "com.acme.ConfigLoader#load", true, 7, "ab12cd34ef56ab12cd34",
                    outcome(ReloadOutcome.Kind.RELOAD, "Configuration reloaded successfully"), 0, 3,
                    List.of(CONFIG, "/srv/app/base.yml"), List.of(), 0.5, 10, true, List.of("llms.nim_llm.temperature=0.8"),
                    Map.of("llms.nim_llm.api_key", "****"), 4);
        }

        @Override
        public ReloadOutcome reload(boolean validateOnly) {
            record("reload(" + validateOnly + ")");
            return answer(validateOnly ? ReloadOutcome.Kind.VALIDATE : ReloadOutcome.Kind.RELOAD,
                    "Configuration reloaded successfully");
        }

        @Override
        public ReloadOutcome validate(Path file) {
            record("validate(" + file + ")");
            return answer(ReloadOutcome.Kind.VALIDATE, "Configuration is valid");
        }

        @Override
        public List<Change> diff(long from, long to) {
            record("diff(" + from + "," + to + ")");
            return List.of(CHANGE, new Change("workflow.max_iterations", null, "5"));
        }

        @Override
        public List<HistoryEntry> history() {
            record("history()");
            Map<Path, String> sources = new LinkedHashMap<>();
            sources.put(Path.of(CONFIG), "llms:\n  nim_llm:\n    api_key: secret-in-source\n");
            sources.put(Path.of("/srv/app/base.yml"), "general: {}\n");
            return List.of(
                    new HistoryEntry(7, AT, "ab12cd34ef56ab12cd34", "file change", sources,
                            Map.of("llms", Map.of("nim_llm", Map.of("api_key", "secret-in-tree"))), "app value"),
                    new HistoryEntry(6, AT.minusSeconds(60), "0011223344556677", "start", Map.of(Path.of(CONFIG), ""),
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
}
