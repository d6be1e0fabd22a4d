package dev.aiq.agent.reload;

import dev.aiq.agent.protocol.ReloadOutcome;
import dev.aiq.agent.protocol.Timings;
import dev.aiq.agent.protocol.Change;
import dev.aiq.agent.yaml.ConfigError;
import dev.aiq.agent.yaml.ConfigException;
import dev.aiq.agent.yaml.Position;
import dev.aiq.agent.yaml.ReadResult;
import dev.aiq.api.ConfigOverrides;
import dev.aiq.api.OverrideException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The reload stage's entry: read → replay the provider → validate → swap → apply, or roll back.
 *
 * <p>Every method that changes state must run on the one reload thread (the runtime's worker), which serialises
 * reloads; the {@code volatile} views ({@link #live()}, {@link #lastOutcome()}, ...) may be read from any thread.
 * Failures count as attempts; after {@code maxAttempts} the last good config is re-applied. Content that was rejected
 * is remembered by a fingerprint of its raw bytes and never parsed again. Internal.
 */
public final class ReloadEngine implements AutoCloseable {

    /** Reads a config file: the agent's YAML reader in production. */
    @FunctionalInterface
    public interface ConfigReader {
        /** Reads {@code file}. */
        ReadResult read(Path file) throws ConfigException;
    }

    /**
     * The engine's limits.
     *
     * @param maxAttempts     failed attempts before the last good config is re-applied
     * @param historySize     good configs kept
     * @param listenerTimeout how long one reload listener may run
     */
    public record Settings(int maxAttempts, int historySize, Duration listenerTimeout) {
    }

    /**
     * What the engine knows of the config's files beyond what its reader reaches.
     *
     * @param dependencies files named by the calls nested in the app's own call (sub-configs)
     * @param extra        files named with {@code watch=}: any change of theirs is a change of the config
     */
    public record Inputs(List<Path> dependencies, List<Path> extra) {
        /** Copies the lists. */
        public Inputs {
            dependencies = List.copyOf(dependencies);
            extra = List.copyOf(extra);
        }
    }

    private static final Pattern DOTTED_PATH = Pattern.compile("[A-Za-z0-9_\\-/]+(\\[\\d+])*(\\.[A-Za-z0-9_\\-/]+(\\[\\d+])*)*");
    private static final int REJECTED_KEPT = 16;
    private static final long RETRY_AFTER_SAVE_MS = 100;

    private final ConfigReader reader;
    private final ProviderBinding provider;
    private final Path configFile;
    private final ReloadReporter feedback;
    private final ScheduledExecutorService worker;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Settings settings;
    private final Consumer<List<Path>> watchFiles;
    private final Validators validators = new Validators();
    private final ListenerRunner listeners;

    // state confined to the reload thread
    private final List<HistoryEntry> history = new ArrayList<>();
    private final Map<String, String> liveOverrides = new LinkedHashMap<>();
    private final Map<String, List<String>> rejected = new LinkedHashMap<>();
    /** The rejected content the file still holds (its fingerprint), or null once the file has moved on. */
    private String lastRejected;
    private Map<String, String> appliedOverrides = Map.of();
    private List<Path> liveFiles;
    /** Files named by the provider calls nested in this config's call (sub-configs): learned at each replay. */
    private List<Path> dependencies = List.of();
    private List<Path> extraFiles = List.of();
    private long generation;
    private int attempts;

    // views for other threads
    private volatile HistoryEntry liveView;
    private volatile List<HistoryEntry> historyView = List.of();
    private volatile ReloadOutcome last;
    private volatile int attemptsView;
    private volatile Map<String, String> liveOverridesView = Map.of();

    /**
     * Creates the engine.
     *
     * @param reader     the YAML reader
     * @param provider   the instrumented provider
     * @param configFile the root config file (absolute)
     * @param listeners  the app's reload listeners (the bridge's list)
     * @param feedback   console feedback
     * @param worker     the reload thread, also used to schedule retries
     * @param clock      for the times in history and outcomes
     * @param nanoTime   for stage timings
     * @param settings   limits
     * @param watchFiles told the files of each config that goes live, so the watcher follows includes
     */
    public ReloadEngine(ConfigReader reader, ProviderBinding provider, Path configFile,
                        Supplier<List<Consumer<Object[]>>> listeners, ReloadReporter feedback, ScheduledExecutorService worker,
                        Clock clock, LongSupplier nanoTime, Settings settings, Consumer<List<Path>> watchFiles) {
        this.reader = reader;
        this.provider = provider;
        this.configFile = configFile;
        this.feedback = feedback;
        this.worker = worker;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.settings = settings;
        this.watchFiles = watchFiles;
        this.listeners = new ListenerRunner(listeners, settings.listenerTimeout(), configFile);
        this.liveFiles = List.of(configFile);
    }

    // ---- start ------------------------------------------------------------------------------------------------

    /**
     * Records the config the app started with as generation 1.
     *
     * @param value        what the provider's first call returned
     * @param initialLive  live overrides to start with ({@code override=} options)
     * @return the files to watch
     */
    public List<Path> start(Object value, ConfigOverrides initialLive, Inputs inputs) {
        dependencies = inputs.dependencies();
        extraFiles = inputs.extra();
        for (ConfigOverrides.Entry e : initialLive) {
            liveOverrides.put(e.path(), e.value());
        }
        generation = 1;
        Object startValue = value;
        if (!liveOverrides.isEmpty()) {
            if (provider.takesOverrides()) {
                try {
                    ProviderBinding.Replayed replayed = provider.replay(null, liveOverrides());
                    startValue = replayed.value();
                    dependencies = replayed.dependencies();
                    provider.publish(startValue, generation);
                } catch (Exception e) {
                    feedback.warn("aiq-dev: the live overrides " + liveOverrides + " were rejected: " + Validators.describe(e));
                    liveOverrides.clear();
                }
            } else {
                feedback.warn("aiq-dev: override= needs a provider parameter of type dev.aiq.api.ConfigOverrides; "
                        + provider.name() + " has none");
                liveOverrides.clear();
            }
        }
        Map<String, Object> tree = Map.of();
        Map<Path, String> sources = Map.of();
        String sha = null;
        try {
            ReadResult r = reader.read(configFile);
            tree = effectiveTree(r);
            sources = r.sources();
            sha = sourceSha(r);
            liveFiles = r.files();
        } catch (ConfigException | OverrideException e) {
            feedback.warn("aiq-dev: the starting config does not pass the agent's reader (" + firstError(e)
                    + "); watching it anyway");
        }
        appliedOverrides = Map.copyOf(liveOverrides);
        remember(new HistoryEntry(1, clock.instant(), sha, "start", sources, tree, startValue));
        publishViews();
        return watched(liveFiles);
    }

    // ---- reloads ----------------------------------------------------------------------------------------------

    /** A watched file changed (debounced): reload, announcing the change once the content really differs. */
    public ReloadOutcome fileChanged(Set<Path> changed) {
        Path shown = changed.contains(configFile) || changed.isEmpty() ? configFile : changed.iterator().next();
        return run("file change", false, false, true, false, () -> feedback.changed(shown));
    }

    /**
     * Catches up with edits made while watching was starting: a reload that says nothing unless the file differs
     * from what generation 1 was read from. {@code editedSinceFirstCall}: the file was saved after the app's own
     * read, so what the engine read for generation 1 may already be newer than what the app runs: reload regardless.
     */
    public ReloadOutcome catchUp(boolean editedSinceFirstCall) {
        return run("file change", false, true, true, editedSinceFirstCall, () -> feedback.changed(configFile));
    }

    /** A watched file is missing: the live config stays, nothing counts as an attempt. */
    public ReloadOutcome fileMissing(Path file) {
        lastRejected = null;
        feedback.missing(file);
        return outcome(ReloadOutcome.Kind.MISSING, false, "configuration file missing: " + file, List.of(), List.of(), Timings.NONE);
    }

    /**
     * Reads the config file and applies it if it changed.
     *
     * @param cause        why, for history ({@code file change}, {@code reload}, ...)
     * @param validateOnly check only, swap nothing
     */
    public ReloadOutcome reload(String cause, boolean validateOnly) {
        return run(cause, validateOnly, false, true, false, () -> { });
    }

    /**
     * One pass of the pipeline. {@code announce} prints what triggered it; it runs, followed by
     * "Reloading configuration...", only once the content is known to differ from the live config, so touches and
     * duplicate events print nothing.
     */
    private ReloadOutcome run(String cause, boolean validateOnly, boolean retry, boolean countsAsAttempt, boolean force,
                              Runnable announce) {
        long t0 = nanoTime.getAsLong();
        Set<Path> inputs = new LinkedHashSet<>();
        inputs.add(configFile);
        inputs.addAll(watched(liveFiles));
        String fingerprint = Fingerprint.of(inputs) + liveOverrides;
        if (!validateOnly && countsAsAttempt && rejected.containsKey(fingerprint)) {
            if (retry || fingerprint.equals(lastRejected)) {
                return last;
            }
            announce.run();
            return failed(fingerprint, rejected.get(fingerprint), true, Timings.NONE);
        }
        if (!Files.exists(configFile)) {
            lastRejected = null;
            return outcome(ReloadOutcome.Kind.MISSING, false, "configuration file missing: " + configFile,
                    List.of(), List.of(), Timings.NONE);
        }
        if (isEmpty(configFile)) {
            // a file truncated by an in-place save that is not finished yet; never worth a reload or an attempt, but
            // said once, or a file emptied on purpose would change nothing without a word
            String message = "configuration file is empty: " + configFile
                    + " (keeping the live configuration until it has content)";
            lastRejected = null;
            ReloadOutcome previous = last;
            if (!validateOnly && (previous == null || !message.equals(previous.message()))) {
                feedback.empty(configFile);
            }
            return outcome(ReloadOutcome.Kind.MISSING, false, message, List.of(), List.of(), Timings.NONE);
        }
        Runnable starting = validateOnly ? () -> { } : () -> {
            announce.run();
            feedback.reloading();
        };
        ReadResult read;
        Map<String, Object> tree;
        try {
            read = reader.read(configFile);
            tree = effectiveTree(read);
        } catch (ConfigException e) {
            starting.run();
            if (!validateOnly) {
                // keep watching what the broken config reaches, e.g. an include that is about to be created
                List<Path> reached = new ArrayList<>(liveFiles);
                reached.addAll(e.files());
                watchFiles.accept(watched(reached));
            }
            if (countsAsAttempt && !validateOnly && changedWhileRead(inputs, fingerprint)) {
                return readAgainSoon();
            }
            return failed(fingerprint, render(e.errors()), countsAsAttempt && !validateOnly, Timings.NONE);
        } catch (OverrideException e) {
            starting.run();
            return failed(fingerprint, List.of(e.getMessage()), countsAsAttempt && !validateOnly, Timings.NONE);
        }
        long t1 = nanoTime.getAsLong();
        HistoryEntry live = liveView;
        String sha = sourceSha(read);
        if (!validateOnly && !force && live.sha256() != null && live.sha256().equals(sha)
                && appliedOverrides.equals(liveOverrides)) {
            // the rejected content is gone: saving it again is a new attempt that deserves its message again
            lastRejected = null;
            if (attempts > 0) {
                // the file is back to what is live: the failed edits are over
                attempts = 0;
                attemptsView = 0;
                feedback.note("Configuration file matches the live configuration again (generation " + generation + ")");
            }
            return outcome(ReloadOutcome.Kind.UNCHANGED, true, "Configuration unchanged", List.of(), List.of(), Timings.NONE);
        }
        starting.run();
        Object value;
        List<Path> learned = dependencies;
        List<String> problems = new ArrayList<>();
        try {
            ProviderBinding.Replayed replayed = provider.replay(null, liveOverrides());
            value = replayed.value();
            learned = replayed.dependencies();
            if (value == null) {
                problems.add("the provider " + provider.name() + " returned null");
            } else {
                for (Validators.Problem p : validators.check(value, provider.loader())) {
                    problems.add(positioned(p.path(), p.message(), read));
                }
            }
        } catch (Exception e) {
            value = null;
            problems.add(positioned(Validators.describe(e), read));
        }
        long t2 = nanoTime.getAsLong();
        // the provider and the validators are the app's code on the agent's reload thread: an interrupt they leave
        // behind is not the agent being stopped, and would make the wait for the listeners below fail at once
        Thread.interrupted();
        if (!problems.isEmpty()) {
            if (countsAsAttempt && !validateOnly && changedWhileRead(inputs, fingerprint)) {
                return readAgainSoon();
            }
            return failed(fingerprint, problems, countsAsAttempt && !validateOnly, timings(t0, t1, t2, t2));
        }
        List<Change> changes = TreeDiff.between(live.tree(), tree);
        if (validateOnly) {
            return outcome(ReloadOutcome.Kind.VALIDATE, true, "Configuration is valid", List.of(), changes, timings(t0, t1, t2, t2));
        }
        ListenerRunner.Veto veto = swap(live, value, changedPaths(changes), false);
        long t3 = nanoTime.getAsLong();
        if (veto != null) {
            return failed(fingerprint, List.of(veto.reason()), countsAsAttempt, timings(t0, t1, t2, t3));
        }
        attempts = 0;
        attemptsView = 0;
        rejected.clear();
        lastRejected = null;
        appliedOverrides = Map.copyOf(liveOverrides);
        dependencies = learned;
        remember(new HistoryEntry(generation, clock.instant(), sourceSha(read), cause, read.sources(), tree, value));
        liveFiles = read.files();
        watchFiles.accept(watched(read.files()));
        Timings timings = timings(t0, t1, t2, t3);
        feedback.reloaded(changes, timings);
        return outcome(ReloadOutcome.Kind.RELOAD, true, "Configuration reloaded successfully", List.of(), changes, timings);
    }

    /**
     * Swaps {@code value} in as the next generation and runs the listeners; on a veto puts {@code live} back and
     * re-applies it to the listeners that already ran.
     */
    private ListenerRunner.Veto swap(HistoryEntry live, Object value, Set<String> paths, boolean rollback) {
        long next = generation + 1;
        List<java.util.function.Consumer<Object[]>> chosen = listeners.snapshot();
        provider.publish(value, next);
        ListenerRunner.Veto veto = listeners.apply(chosen, live.value(), value, next, paths, rollback);
        if (veto == null) {
            generation = next;
            return null;
        }
        provider.publish(live.value(), generation);
        ListenerRunner.Veto again = listeners.apply(chosen.subList(0, veto.index()), value, live.value(), generation, paths, true);
        if (again != null) {
            feedback.warn("aiq-dev: re-applying the previous config failed too: " + again.reason());
        }
        return veto;
    }

    private ReloadOutcome failed(String fingerprint, List<String> errors, boolean countsAsAttempt, Timings timings) {
        if (!countsAsAttempt) {
            return outcome(ReloadOutcome.Kind.VALIDATE, false, errors.get(0), errors, List.of(), timings);
        }
        rejected.remove(fingerprint);
        rejected.put(fingerprint, errors);
        while (rejected.size() > REJECTED_KEPT) {
            rejected.remove(rejected.keySet().iterator().next());
        }
        lastRejected = fingerprint;
        attempts++;
        attemptsView = attempts;
        int attempt = attempts;
        feedback.failed(attempt, settings.maxAttempts(), errors);
        ReloadOutcome failure = outcome(ReloadOutcome.Kind.RELOAD, false, errors.get(0), errors, List.of(), timings);
        if (attempt >= settings.maxAttempts()) {
            reapplyLastGood();
            attempts = 0;
            attemptsView = 0;
        } else {
            long backoffMs = 100L << Math.min(attempt - 1, 4);
            worker.schedule(this::retry, backoffMs, TimeUnit.MILLISECONDS);
        }
        return failure;
    }

    /**
     * Tells whether the files changed since this reload began: the agent's reader and the app's provider each read
     * them, and an editor that renames the file away and writes a new one (vim, JetBrains) can fall between the two.
     */
    private boolean changedWhileRead(Set<Path> inputs, String fingerprint) {
        return !(Fingerprint.of(inputs) + liveOverrides).equals(fingerprint);
    }

    /** What failed was a save in progress, not its content: no attempt, and a look at the file again shortly. */
    private ReloadOutcome readAgainSoon() {
        feedback.note("Configuration file changed while it was being read; reading it again");
        worker.schedule(this::retry, RETRY_AFTER_SAVE_MS, TimeUnit.MILLISECONDS);
        return outcome(ReloadOutcome.Kind.MISSING, false, "configuration file changed while it was being read",
                List.of(), List.of(), Timings.NONE);
    }

    /** A retry after a failure: does nothing unless the content changed meanwhile (half-written files). */
    private void retry() {
        try {
            run("retry", false, true, true, false, () -> { });
        } catch (Throwable t) {
            feedback.warn("aiq-dev: retry failed: " + t);
        }
    }

    private void reapplyLastGood() {
        feedback.rollingBack();
        HistoryEntry good = liveView;
        provider.publish(good.value(), generation);
        ListenerRunner.Veto veto = listeners.apply(listeners.snapshot(), good.value(), good.value(), generation, Set.of(), true);
        if (veto == null) {
            feedback.rolledBack(generation);
        } else {
            feedback.rollbackFailed(veto.reason());
        }
    }

    /**
     * Applies the live config to every listener as it is, e.g. at attach, where generation 1 is the file as it is
     * now and the app may still run on an older version of it.
     */
    public void applyLive() {
        HistoryEntry live = liveView;
        ListenerRunner.Veto veto = listeners.apply(listeners.snapshot(), live.value(), live.value(), generation, Set.of(), false);
        if (veto != null) {
            feedback.warn("aiq-dev: the app did not take the config as it is now: " + veto.reason());
        }
    }

    // ---- requests from the control plane --------------------------------------------------------------------

    /** A dry run of {@code file} (null: the config file) through the same pipeline; nothing is swapped. */
    public ReloadOutcome validate(Path file) {
        if (file == null) {
            return run("validate", true, false, false, false, () -> { });
        }
        long t0 = nanoTime.getAsLong();
        Path candidate = file.toAbsolutePath().normalize();
        ReadResult read;
        Map<String, Object> tree;
        try {
            read = reader.read(candidate);
            tree = effectiveTree(read);
        } catch (ConfigException e) {
            return quietFailure(render(e.errors(), candidate.getParent()));
        } catch (OverrideException e) {
            return quietFailure(List.of(e.getMessage()));
        }
        long t1 = nanoTime.getAsLong();
        List<String> problems = new ArrayList<>();
        try {
            Object value = provider.replay(candidate, liveOverrides()).value();
            for (Validators.Problem p : validators.check(value, provider.loader())) {
                problems.add(positioned(p.path(), p.message(), read));
            }
        } catch (Exception e) {
            problems.add(positioned(Validators.describe(e), read));
        }
        long t2 = nanoTime.getAsLong();
        if (!problems.isEmpty()) {
            return quietFailure(problems);
        }
        return new ReloadOutcome(ReloadOutcome.Kind.VALIDATE, true, generation, "Configuration is valid", List.of(),
                TreeDiff.between(liveView.tree(), tree), timings(t0, t1, t2, t2), clock.instant());
    }

    /** Puts back the config {@code steps} generations before the live one, as a new generation. */
    public ReloadOutcome rollback(int steps) {
        if (steps < 1 || steps >= history.size()) {
            return quietFailure(List.of("cannot roll back " + steps + " step(s): history holds " + history.size()
                    + " generation(s) (" + generationsText() + ")"));
        }
        HistoryEntry live = history.get(0);
        HistoryEntry target = history.get(steps);
        List<Change> changes = TreeDiff.between(live.tree(), target.tree());
        ListenerRunner.Veto veto = swap(live, target.value(), changedPaths(changes), true);
        if (veto != null) {
            return quietFailure(List.of(veto.reason()));
        }
        remember(new HistoryEntry(generation, clock.instant(), target.sha256(),
                "rollback to generation " + target.generation(), target.sources(), target.tree(), target.value()));
        attempts = 0;
        attemptsView = 0;
        feedback.restored(target.generation(), generation, changes);
        return outcome(ReloadOutcome.Kind.ROLLBACK, true, "Configuration rolled back to generation " + target.generation(),
                List.of(), changes, Timings.NONE);
    }

    /** Sets a live override and applies it; a rejected override is not kept. */
    public ReloadOutcome set(String path, String value) {
        if (!provider.takesOverrides()) {
            return quietFailure(List.of("live overrides need a provider parameter of type dev.aiq.api.ConfigOverrides; "
                    + provider.name() + " has none"));
        }
        try {
            new ConfigOverrides.Entry(path, value);
        } catch (IllegalArgumentException e) {
            return quietFailure(List.of(e.getMessage()));
        }
        String before = liveOverrides.put(path, value);
        ReloadOutcome outcome = run("set " + path, false, false, false, false, () -> feedback.note("Live override set: " + path));
        if (!outcome.success()) {
            if (before == null) {
                liveOverrides.remove(path);
            } else {
                liveOverrides.put(path, before);
            }
        }
        publishViews();
        return outcome;
    }

    /** Removes a live override and applies the config without it. */
    public ReloadOutcome unset(String path) {
        String before = liveOverrides.remove(path);
        if (before == null) {
            return quietFailure(List.of("no live override set for '" + path + "'"));
        }
        ReloadOutcome outcome = run("unset " + path, false, false, false, false, () -> feedback.note("Live override removed: " + path));
        if (!outcome.success()) {
            liveOverrides.put(path, before);
        }
        publishViews();
        return outcome;
    }

    /** What changed between two generations in history; 0 means the live one ({@code to}) or the one before it. */
    public List<Change> diff(long from, long to) {
        List<HistoryEntry> kept = historyView;
        long toGen = to <= 0 ? kept.get(0).generation() : to;
        long fromGen = from <= 0 ? (kept.size() > 1 ? kept.get(1).generation() : toGen) : from;
        HistoryEntry a = find(kept, fromGen);
        HistoryEntry b = find(kept, toGen);
        return TreeDiff.between(a.tree(), b.tree());
    }

    /** Forgets every history entry but the live one. */
    public void clearHistory() {
        while (history.size() > 1) {
            history.remove(history.size() - 1);
        }
        publishViews();
    }

    // ---- views ------------------------------------------------------------------------------------------------

    /** The live entry. */
    public HistoryEntry live() {
        return liveView;
    }

    /** History, newest (live) first. */
    public List<HistoryEntry> history() {
        return historyView;
    }

    /** The last outcome, or null. */
    public ReloadOutcome lastOutcome() {
        return last;
    }

    /** Failed attempts since the last success. */
    public int attempts() {
        return attemptsView;
    }

    /** Live overrides, masked where secret. */
    public Map<String, String> liveOverridesMasked() {
        Map<String, String> masked = new LinkedHashMap<>();
        liveOverridesView.forEach((k, v) -> masked.put(k, Secrets.render(k, v)));
        return masked;
    }

    /** The live generation. */
    public long generation() {
        HistoryEntry live = liveView;
        return live == null ? 0 : live.generation();
    }

    /** The root config file. */
    public Path configFile() {
        return configFile;
    }

    /** Every file this config depends on: what the reader read, the nested calls' files, the extra ones. */
    public List<Path> liveFiles() {
        return watched(liveFiles);
    }

    /** The files named by the provider calls nested in this config's (sub-configs), as of the last replay. */
    public List<Path> dependencies() {
        return dependencies;
    }

    /** Takes a new set of {@code watch=} files (a second attach with other options). */
    public void extraFiles(List<Path> extra) {
        extraFiles = List.copyOf(extra);
        watchFiles.accept(watched(liveFiles));
    }

    /** {@code read} plus the files only the app reads: everything whose change is a change of this config. */
    private List<Path> watched(List<Path> read) {
        Set<Path> all = new LinkedHashSet<>(read);
        all.addAll(dependencies);
        all.addAll(extraFiles);
        return List.copyOf(all);
    }

    /**
     * The hash that decides whether the config changed: the reader's over what it read, and when the app reads more
     * (sub-configs, {@code watch=} files), the raw bytes of those too.
     */
    private String sourceSha(ReadResult read) {
        Set<Path> more = new LinkedHashSet<>(dependencies);
        more.addAll(extraFiles);
        more.removeAll(read.files());
        return more.isEmpty() ? read.sha256() : Fingerprint.combine(read.sha256(), Fingerprint.of(more));
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    /** The provider this engine reloads. */
    public ProviderBinding provider() {
        return provider;
    }

    @Override
    public void close() {
        listeners.close();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private ConfigOverrides liveOverrides() {
        List<ConfigOverrides.Entry> entries = new ArrayList<>();
        liveOverrides.forEach((k, v) -> entries.add(new ConfigOverrides.Entry(k, v)));
        return ConfigOverrides.of(entries);
    }

    private Map<String, Object> effectiveTree(ReadResult read) {
        return provider.appOverrides().followedBy(liveOverrides()).applyTo(read.tree());
    }

    private void remember(HistoryEntry entry) {
        history.add(0, entry);
        while (history.size() > settings.historySize()) {
            history.remove(history.size() - 1);
        }
        generation = entry.generation();
        publishViews();
    }

    private void publishViews() {
        historyView = List.copyOf(history);
        liveView = history.isEmpty() ? null : history.get(0);
        liveOverridesView = Map.copyOf(liveOverrides);
    }

    private ReloadOutcome outcome(ReloadOutcome.Kind kind, boolean success, String message, List<String> errors,
                                  List<Change> changes, Timings timings) {
        ReloadOutcome o = new ReloadOutcome(kind, success, generation, message, errors, changes, timings, clock.instant());
        last = o;
        return o;
    }

    private ReloadOutcome quietFailure(List<String> errors) {
        return new ReloadOutcome(ReloadOutcome.Kind.VALIDATE, false, generation, errors.get(0), errors, List.of(),
                Timings.NONE, clock.instant());
    }

    private List<String> render(List<ConfigError> errors) {
        return render(errors, configFile.getParent());
    }

    private static List<String> render(List<ConfigError> errors, Path base) {
        List<String> rendered = new ArrayList<>();
        for (ConfigError e : errors) {
            rendered.add(e.render(base));
        }
        return rendered;
    }

    /** Puts a {@code dotted.path: message} from the app or a validator at the key's file:line:column. */
    private String positioned(String message, ReadResult read) {
        int colon = message.indexOf(": ");
        if (colon > 0 && DOTTED_PATH.matcher(message.substring(0, colon)).matches()) {
            return positioned(message.substring(0, colon), message.substring(colon + 2), read);
        }
        return message;
    }

    private String positioned(String path, String message, ReadResult read) {
        if (path.isEmpty()) {
            return message;
        }
        for (String p = path; !p.isEmpty(); p = parent(p)) {
            Position at = read.positions().get(p);
            if (at != null) {
                return new ConfigError(at.file(), at.line(), at.column(), path + ": " + message).render(configFile.getParent());
            }
        }
        return path + ": " + message;
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    private static Set<String> changedPaths(List<Change> changes) {
        Set<String> paths = new LinkedHashSet<>();
        for (Change c : changes) {
            paths.add(c.path());
        }
        return paths;
    }

    private Timings timings(long t0, long t1, long t2, long t3) {
        return new Timings((t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
    }

    private static HistoryEntry find(List<HistoryEntry> kept, long generation) {
        for (HistoryEntry e : kept) {
            if (e.generation() == generation) {
                return e;
            }
        }
        throw new IllegalArgumentException("generation " + generation + " is not in history (kept: "
                + kept.stream().map(e -> String.valueOf(e.generation())).reduce((a, b) -> a + ", " + b).orElse("none") + ")");
    }

    private String generationsText() {
        StringBuilder b = new StringBuilder();
        for (HistoryEntry e : history) {
            b.append(b.length() == 0 ? "" : ", ").append(e.generation());
        }
        return b.toString();
    }

    private static boolean isEmpty(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String firstError(Exception e) {
        if (e instanceof ConfigException c) {
            return c.errors().get(0).toString();
        }
        return e.getMessage();
    }
}
