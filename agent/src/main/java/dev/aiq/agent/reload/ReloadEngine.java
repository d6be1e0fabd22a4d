package dev.aiq.agent.reload;

import dev.aiq.agent.protocol.Change;
import dev.aiq.agent.protocol.ReloadOutcome;
import dev.aiq.agent.protocol.Timings;
import dev.aiq.agent.yaml.ConfigException;
import dev.aiq.agent.watch.FileState;
import dev.aiq.agent.yaml.ReadResult;
import dev.aiq.agent.yaml.SourceFiles;
import dev.aiq.api.ConfigOverrides;
import dev.aiq.api.OverrideException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The reload stage's entry for one config: a {@link Trigger} → the {@link Candidate} (read → overrides → replay →
 * validate) → the {@link Swap} (publish → listeners), or a failed attempt; with the config's {@link History},
 * {@link Attempts} and {@link LiveOverrides}.
 *
 * <p>Every method that changes state must run on the one reload thread, which serialises reloads; the views
 * ({@link #live()}, {@link #lastOutcome()}, ...) may be read from any thread. After {@code maxAttempts} failures the
 * last good config is re-applied. Internal.
 */
public final class ReloadEngine implements AutoCloseable {

    /** Reads a config file: the agent's YAML reader in production. */
    @FunctionalInterface
    public interface ConfigReader {
        /** Reads {@code file}, taking every file's bytes from {@code files}. */
        ReadResult read(Path file, SourceFiles files) throws ConfigException;
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

    private static final long RETRY_AFTER_SAVE_MS = 100;

    private final ProviderBinding provider;
    private final Path configFile;
    private final ReloadReporter feedback;
    private final ScheduledExecutorService worker;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Settings settings;
    private final Consumer<List<Path>> watchFiles;
    private final Candidate candidate;
    private final DryRun dryRuns;
    private final Swap swap;
    private final History history;
    private final Attempts attempts = new Attempts();
    private final LiveOverrides liveOverrides = new LiveOverrides();

    private final ConfigFiles files;

    /** The state of what the config is built with besides its files (the plugin sets): part of every fingerprint. */
    private Supplier<String> builtWith = () -> "";

    // state confined to the reload thread
    private long generation;
    /** New code being checked by the reload in progress, or null. */
    private StagedCode staged;
    /** Whether the root file being empty was said (once per time it is empty). */
    private boolean saidEmpty;
    /** The inputs whose content differs from what the previous pass saw. */
    private Set<Path> changedSinceLastPass = Set.of();

    private final Outcomes outcomes;

    /**
     * Creates the engine.
     *
     * @param reader     the YAML reader
     * @param provider   the instrumented provider
     * @param configFile the root config file (absolute)
     * @param listeners  the app's reload listeners (the bridge's list)
     * @param feedback   where outcomes are told as they happen (the console)
     * @param worker     the reload thread, also used to schedule retries
     * @param clock      for the times in history and outcomes
     * @param nanoTime   for stage timings
     * @param settings   limits
     * @param watchFiles told the files of each config that goes live, so the watcher follows includes
     * @param watched    what the watcher last read of a file (null: it has not): a reload after a file change
     *                   hashes and parses those bytes instead of reading the files again
     */
    public ReloadEngine(ConfigReader reader, ProviderBinding provider, Path configFile,
                        Supplier<List<Consumer<Object[]>>> listeners, ReloadReporter feedback,
                        ScheduledExecutorService worker, Clock clock, LongSupplier nanoTime, Settings settings,
                        Consumer<List<Path>> watchFiles, Function<Path, FileState> watched) {
        this.provider = provider;
        this.configFile = configFile;
        this.feedback = feedback;
        this.worker = worker;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.settings = settings;
        this.watchFiles = watchFiles;
        this.files = new ConfigFiles(configFile, watched);
        this.candidate = new Candidate(reader, provider, configFile);
        this.swap = new Swap(provider, new ListenerRunner(listeners, settings.listenerTimeout(), configFile), feedback);
        this.history = new History(settings.historySize());
        this.outcomes = new Outcomes(clock);
        this.dryRuns = new DryRun(candidate, configFile, files, history, liveOverrides, clock, nanoTime);
    }

    // ---- start ------------------------------------------------------------------------------------------------

    /**
     * Records the config the app started with as generation 1.
     *
     * @param value       what the provider's first call returned
     * @param initialLive live overrides to start with ({@code override=} options)
     * @param inputs      the files the app's call read beyond the reader's reach
     * @param first       the generation the app's config is: 1, or one more than the config had when the agent
     *                    was last detached from this JVM (generations never go backwards in a JVM)
     * @param origin      how it came to be, for history and status: {@code the app's call of com.acme.Loader#load}
     * @return the files to watch
     */
    public List<Path> start(Object value, ConfigOverrides initialLive, Inputs inputs, long first, String origin) {
        files.dependencies(inputs.dependencies());
        files.extra(inputs.extra());
        for (ConfigOverrides.Entry e : initialLive) {
            liveOverrides.put(e.path(), e.value(), LiveOverrides.Origin.OPTION);
        }
        generation = first;
        if (first > 1) {
            provider.publish(value, generation);
        }
        Object startValue = value;
        if (!liveOverrides.isEmpty()) {
            startValue = withStartOverrides(value);
        }
        Map<String, Object> tree = Map.of();
        Map<String, Object> fileTree = Map.of();
        Map<Path, String> sources = Map.of();
        String sha = null;
        try {
            Map<Path, FileState> states = files.states(files.inputs(), false);
            files.seen(states);
            Candidate.Read read = candidate.read(configFile, liveOverrides, states);
            tree = read.tree();
            fileTree = read.result().tree();
            sources = read.result().sources();
            sha = files.sourceSha(read.result(), states);
            files.read(read.result().files());
        } catch (ConfigException | OverrideException e) {
            feedback.warn("aiq-dev: the starting config does not pass the agent's reader (" + Candidate.firstError(e)
                    + "); watching it anyway");
        }
        liveOverrides.markApplied();
        history.add(new HistoryEntry(generation, clock.instant(), sha, origin, sources, tree, startValue, fileTree,
                liveOverrides.snapshot()));
        outcome(ReloadOutcome.Kind.START, true, "Generation " + generation + " is " + origin
                + (liveOverrides.isEmpty() ? "" : ", with the live overrides " + liveOverrides.masked().keySet()),
                List.of(), List.of(), Timings.NONE);
        return files.watched();
    }

    /** The {@code override=} options are live from generation 1: the provider is asked again with them. */
    private Object withStartOverrides(Object value) {
        if (!provider.takesOverrides()) {
            feedback.warn("aiq-dev: override= needs a provider parameter of type dev.aiq.api.ConfigOverrides; "
                    + provider.name() + " has none");
            liveOverrides.clear();
            return value;
        }
        try {
            ProviderBinding.Replayed replayed = provider.replay(null, liveOverrides.asOverrides());
            // the app runs what its own call returned: the listeners make it take the overrides now
            Set<String> paths = liveOverrides.snapshot().keySet();
            ListenerRunner.Veto veto = swap.change(value, replayed.value(), generation, generation, paths, false);
            if (veto != null) {
                feedback.warn("aiq-dev: the live overrides " + liveOverrides.masked().keySet() + " were rejected: "
                        + veto.reason());
                liveOverrides.clear();
                return value;
            }
            files.dependencies(replayed.dependencies());
            return replayed.value();
        } catch (Exception e) {
            feedback.warn("aiq-dev: the live overrides " + liveOverrides.masked().keySet() + " were rejected: "
                    + Validators.describe(e));
            liveOverrides.clear();
            return value;
        }
    }

    // ---- reloads ----------------------------------------------------------------------------------------------

    /** A watched file changed (debounced): reload, announcing the change once the content really differs. */
    public ReloadOutcome fileChanged(Set<Path> changed) {
        Path shown = shownOf(changed);
        return run(Trigger.FILE_CHANGE, Trigger.FILE_CHANGE.cause(), () -> feedback.changed(shown));
    }

    /** The file a change is announced with: the root when it is among them, else the first. */
    private Path shownOf(Set<Path> changed) {
        return changed.contains(configFile) || changed.isEmpty() ? configFile : changed.iterator().next();
    }

    /**
     * Catches up with edits made while watching was starting: says nothing unless the files differ from what
     * generation 1 was read from. {@code editedSinceFirstCall}: a file was saved after the app's own read, so what the
     * engine read for generation 1 may already be newer than what the app runs: reload regardless.
     */
    public ReloadOutcome catchUp(boolean editedSinceFirstCall) {
        Trigger trigger = editedSinceFirstCall ? Trigger.CATCH_UP_AFTER_SAVE : Trigger.CATCH_UP;
        return run(trigger, trigger.cause(), () -> feedback.changed(configFile));
    }

    /** A watched file is missing: the live config stays, nothing counts as an attempt. */
    public ReloadOutcome fileMissing(Path file) {
        attempts.movedOn();
        feedback.missing(file);
        return outcome(ReloadOutcome.Kind.MISSING, false, "configuration file missing: " + file, List.of(), List.of(),
                Timings.NONE);
    }

    /** What the config is built with besides its files: a change of it makes rejected content worth a new try. */
    public void builtWith(Supplier<String> fingerprint) {
        builtWith = fingerprint;
    }

    /**
     * The code the config is built with changed: replays the provider with {@code code} staged, and makes it live
     * together with the config it produced, or not at all. A failure is an attempt like a failed config reload.
     */
    public ReloadOutcome codeChanged(StagedCode code) {
        if (code.problem() != null) {
            feedback.changed(code.changedFile());
            feedback.reloading();
            return failed(Trigger.PLUGINS, fingerprintOf(files.states(files.inputs(), false)), List.of(code.problem()),
                    Timings.NONE);
        }
        staged = code;
        code.stage();
        try {
            return run(Trigger.PLUGINS, Trigger.PLUGINS.cause(), () -> feedback.changed(code.changedFile()));
        } finally {
            code.unstage();
            staged = null;
        }
    }

    /** Reads the config and applies it if it changed ({@code validateOnly}: checks it, swaps nothing). */
    public ReloadOutcome reload(String cause, boolean validateOnly) {
        Trigger trigger = validateOnly ? Trigger.DRY_RUN : Trigger.REQUEST;
        return run(trigger, cause, () -> { });
    }

    /** The agent's own reason to read the config again ({@code cause}, for history): quiet when nothing changed. */
    public ReloadOutcome look(String cause) {
        return run(Trigger.LOOK, cause, () -> { });
    }

    /**
     * One pass of the pipeline. {@code announce} says what triggered it; it runs, followed by "Reloading
     * configuration...", only once the content is known to differ from the live config, so touches and duplicate
     * events print nothing.
     */
    private ReloadOutcome run(Trigger trigger, String cause, Runnable announce) {
        long t0 = nanoTime.getAsLong();
        Set<Path> inputs = files.inputs();
        // after a file change the watcher has just read the files: their bytes are hashed and parsed, not re-read
        Map<Path, FileState> states = files.states(inputs, trigger == Trigger.FILE_CHANGE);
        Set<Path> changed = files.changedSinceSeen(states);
        if (!trigger.dryRun()) {
            // a dry run between a save and its event must leave the save to be applied
            files.seen(states);
            changedSinceLastPass = changed;
        }
        String fingerprint = fingerprintOf(states);
        boolean attempt = trigger.countsAsAttempt();
        List<String> rejectedBefore = attempts.rejectedWith(fingerprint);
        if (attempt && rejectedBefore != null) {
            if (trigger.quietRepeat() || attempts.stillRejected(fingerprint)) {
                feedback.detail(trigger + ": the files hold content already rejected; nothing to do");
                return outcomes.last();
            }
            feedback.detail(trigger + ": content rejected before is back; its errors are reported again, unparsed");
            announce.run();
            return failed(trigger, fingerprint, rejectedBefore, Timings.NONE);
        }
        if (trigger == Trigger.FILE_CHANGE && changed.isEmpty() && !liveOverrides.pending()) {
            // the event of a save that a pass has read already (an editor's second write, a reload or set that came
            // first): it must not undo what happened since, such as a rollback
            feedback.detail(trigger + ": the files hold what the last pass read; nothing new");
            return outcomes.record(ReloadOutcome.Kind.UNCHANGED, true, generation, "Configuration unchanged", List.of(),
                    List.of(), Timings.NONE, false);
        }
        ReloadOutcome notThere = missingOrEmpty(trigger);
        if (notThere != null) {
            return notThere;
        }
        saidEmpty = false;
        Runnable starting = trigger.dryRun() ? () -> { } : () -> {
            announce.run();
            feedback.reloading();
        };
        Candidate.Read read;
        try {
            read = candidate.read(configFile, liveOverrides, states);
        } catch (ConfigException e) {
            starting.run();
            if (!trigger.dryRun()) {
                // keep watching what the broken config reaches, e.g. an include that is about to be created
                List<Path> reached = new ArrayList<>(files.watched());
                reached.addAll(e.files());
                watchFiles.accept(files.with(reached));
            }
            if (attempt && changedWhileRead(inputs, fingerprint)) {
                return readAgainSoon();
            }
            return failed(trigger, fingerprint, Candidate.render(e.errors(), configFile.getParent()), Timings.NONE);
        } catch (OverrideException e) {
            starting.run();
            return failed(trigger, fingerprint, List.of(e.getMessage()), Timings.NONE);
        }
        long t1 = nanoTime.getAsLong();
        HistoryEntry live = history.live();
        String sha = files.sourceSha(read.result(), states);
        if (!trigger.dryRun() && !trigger.force() && live.sha256() != null && live.sha256().equals(sha)
                && !liveOverrides.pending()) {
            feedback.detail(trigger + ": what the config depends on hashes as generation " + generation + "; no reload");
            return unchanged(trigger);
        }
        feedback.detail(trigger + ": read " + inputs.size() + " file(s) in " + millis(nanoTime.getAsLong() - t0)
                + " ms (" + (trigger == Trigger.FILE_CHANGE ? "the watcher's bytes" : "from disk") + "); replaying "
                + provider.name());
        starting.run();
        Candidate.Checked checked = candidate.check(null, liveOverrides.asOverrides(), read, files.dependencies());
        long t2 = nanoTime.getAsLong();
        feedback.detail(trigger + ": " + provider.name() + " and the validators " + (checked.accepted() ? "accepted"
                : "rejected") + " it in " + millis(t2 - t1) + " ms" + (checked.accepted() ? ""
                : " (" + checked.problems().size() + " problem(s))"));
        if (!checked.accepted()) {
            if (attempt && changedWhileRead(inputs, fingerprint)) {
                return readAgainSoon();
            }
            return failed(trigger, fingerprint, checked.problems(), Timings.between(t0, t1, t2, t2));
        }
        List<Change> changes = liveOverrides.withPinned(TreeDiff.between(live.tree(), read.tree()), live.fileTree(),
                read.result().tree(), provider.appOverrides());
        if (trigger.dryRun()) {
            feedback.dryRun(configFile, List.of(), changes.size());
            return outcome(ReloadOutcome.Kind.VALIDATE, true, "Configuration is valid", List.of(), changes,
                    Timings.between(t0, t1, t2, t2));
        }
        if (staged != null) {
            staged.commit();
        }
        ListenerRunner.Veto veto = swap.to(checked.value(), live, generation, changedPaths(changes), false);
        long t3 = nanoTime.getAsLong();
        feedback.detail(trigger + ": " + (veto == null ? "published as generation " + (generation + 1)
                + "; the listeners took it" : "a listener vetoed it: " + veto.reason()) + " (" + millis(t3 - t2)
                + " ms, " + changes.size() + " change(s))");
        if (veto != null) {
            if (staged != null) {
                staged.revert();
            }
            return failed(trigger, fingerprint, List.of(veto.reason()), Timings.between(t0, t1, t2, t3));
        }
        generation++;
        attempts.succeeded();
        liveOverrides.markApplied();
        files.dependencies(checked.dependencies());
        files.read(read.result().files());
        history.add(new HistoryEntry(generation, clock.instant(), files.sourceSha(read.result(), states), cause,
                read.result().sources(), read.tree(), checked.value(), read.result().tree(), liveOverrides.snapshot()));
        watchFiles.accept(files.watched());
        Timings timings = Timings.between(t0, t1, t2, t3);
        boolean appReadsMore = !files.dependencies().isEmpty() || files.watched().size() > read.result().files().size();
        String remark = changes.isEmpty() && !appReadsMore && staged == null
                ? "no values changed (comments or formatting only)" : null;
        feedback.reloaded(changes, remark, timings);
        return outcome(trigger == Trigger.OVERRIDE ? ReloadOutcome.Kind.OVERRIDE : ReloadOutcome.Kind.RELOAD, true,
                remark == null ? "Configuration reloaded successfully" : "Configuration reloaded: " + remark, List.of(),
                changes, timings);
    }

    /** The root file is gone, or empty (an in-place save that is not finished yet): never worth an attempt. */
    private ReloadOutcome missingOrEmpty(Trigger trigger) {
        if (!Files.exists(configFile)) {
            attempts.movedOn();
            saidEmpty = false;
            return outcome(ReloadOutcome.Kind.MISSING, false, "configuration file missing: " + configFile,
                    List.of(), List.of(), Timings.NONE);
        }
        if (!isEmpty(configFile)) {
            return null;
        }
        // said once, or a file emptied on purpose would change nothing without a word
        String message = "configuration file is empty: " + configFile
                + " (keeping the live configuration until it has content)";
        attempts.movedOn();
        if (!trigger.dryRun() && !saidEmpty) {
            feedback.empty(configFile);
            saidEmpty = true;
        }
        return outcome(ReloadOutcome.Kind.MISSING, false, message, List.of(), List.of(), Timings.NONE);
    }

    /**
     * The files are what is live: the rejected content is gone, and saving it again deserves its message again. Said
     * (console and {@code follow}) only when it tells something: to a {@code reload} request, or when failed edits are
     * over; a watcher's look that finds a save already applied (by a {@code reload} a moment before) stays quiet.
     */
    private ReloadOutcome unchanged(Trigger trigger) {
        attempts.movedOn();
        boolean said = trigger == Trigger.REQUEST;
        if (said) {
            feedback.unchanged(generation);
        }
        if (attempts.count() > 0) {
            // the file is back to what is live: the failed edits are over
            attempts.reset();
            feedback.note("Configuration file matches the live configuration again (generation " + generation + ")");
            said = true;
        }
        return outcomes.record(ReloadOutcome.Kind.UNCHANGED, true, generation, "Configuration unchanged", List.of(),
                List.of(), Timings.NONE, said);
    }

    private ReloadOutcome failed(Trigger trigger, String fingerprint, List<String> errors, Timings timings) {
        if (!trigger.countsAsAttempt()) {
            if (trigger.dryRun()) {
                feedback.dryRun(configFile, errors, 0);
            }
            return outcome(trigger.dryRun() ? ReloadOutcome.Kind.VALIDATE : ReloadOutcome.Kind.OVERRIDE, false,
                    errors.get(0), errors, List.of(), timings);
        }
        int attempt = attempts.failed(fingerprint, errors);
        feedback.failed(attempt, settings.maxAttempts(), errors);
        ReloadOutcome failure = outcome(ReloadOutcome.Kind.RELOAD, false, errors.get(0), errors, List.of(), timings);
        if (attempt >= settings.maxAttempts()) {
            reapplyLastGood();
            attempts.reset();
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
        return !fingerprintOf(files.states(inputs, false)).equals(fingerprint);
    }

    /** What failed was a save in progress, not its content: no attempt, and a look at the file again shortly. */
    private ReloadOutcome readAgainSoon() {
        feedback.detail("a file changed between the agent's read and the app's: no attempt; reading again");
        feedback.note("Configuration file changed while it was being read; reading it again");
        worker.schedule(this::retry, RETRY_AFTER_SAVE_MS, TimeUnit.MILLISECONDS);
        // no outcome of the config: the pass that reads it again has one
        return new ReloadOutcome(ReloadOutcome.Kind.MISSING, false, generation,
                "configuration file changed while it was being read", List.of(), List.of(), Timings.NONE,
                clock.instant());
    }

    /**
     * A retry can be the first to see a save made during its back-off (the watcher's quiet period is still running):
     * it then announces that file, as the file change would have, so no reload goes out without its cause.
     */
    private void retry() {
        try {
            run(Trigger.RETRY, Trigger.RETRY.cause(), () -> feedback.changed(shownOf(changedSinceLastPass)));
        } catch (Throwable t) {
            feedback.warn("aiq-dev: retry failed: " + t);
        }
    }

    private void reapplyLastGood() {
        feedback.rollingBack();
        ListenerRunner.Veto veto = swap.reapply(history.live(), generation, true);
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
        ListenerRunner.Veto veto = swap.reapply(history.live(), generation, false);
        if (veto != null) {
            feedback.warn("aiq-dev: the app did not take the config as it is now: " + veto.reason());
        }
    }

    // ---- requests from the control plane --------------------------------------------------------------------

    /** A dry run of {@code file} (null: the config file) through the same pipeline; nothing is swapped. */
    public ReloadOutcome validate(Path file) {
        if (file == null) {
            return run(Trigger.DRY_RUN, Trigger.DRY_RUN.cause(), () -> { });
        }
        Path other = file.toAbsolutePath().normalize();
        ReloadOutcome checked = dryRuns.ofFile(other, generation);
        feedback.dryRun(other, checked.success() ? List.of() : checked.errors(), checked.changes().size());
        outcomes.tell(checked);
        return checked;
    }

    /**
     * A dry run where {@code file}, one of the config's own files (root, include, {@code base:}, prompt), reads as
     * {@code text}: an edit in the browser checked before it is saved. Nothing is swapped, the file is not touched,
     * and nothing is said: the page checks as the developer types.
     */
    public ReloadOutcome validateText(Path file, String text) {
        return dryRuns.ofText(file, text, generation);
    }

    /** Puts back the config {@code steps} generations before the live one, as a new generation. */
    public ReloadOutcome rollback(int steps) {
        if (steps < 1 || steps >= history.count()) {
            return rollbackFailed("cannot roll back " + steps + " step(s): history holds " + history.count()
                    + " generation(s) (" + history.generations() + ")");
        }
        HistoryEntry live = history.live();
        HistoryEntry target = history.back(steps);
        List<Change> changes = TreeDiff.between(live.tree(), target.tree());
        ListenerRunner.Veto veto = swap.to(target.value(), live, generation, changedPaths(changes), true);
        if (veto != null) {
            return rollbackFailed(veto.reason());
        }
        generation++;
        // the generation's own overrides come back with it: what status shows is what runs
        liveOverrides.replaceWith(target.overrides());
        history.add(new HistoryEntry(generation, clock.instant(), target.sha256(),
                "rollback to generation " + target.generation(), target.sources(), target.tree(), target.value(),
                target.fileTree(), target.overrides()));
        attempts.reset();
        feedback.restored(target.generation(), generation, changes);
        return outcome(ReloadOutcome.Kind.ROLLBACK, true, "Configuration rolled back to generation " + target.generation(),
                List.of(), changes, Timings.NONE);
    }

    private ReloadOutcome rollbackFailed(String reason) {
        feedback.rollbackFailed(reason);
        return outcome(ReloadOutcome.Kind.ROLLBACK, false, reason, List.of(reason), List.of(), Timings.NONE);
    }

    /** Sets a live override and applies it; a rejected override is not kept. */
    public ReloadOutcome set(String path, String value) {
        if (!provider.takesOverrides()) {
            return overrideRefused(path, List.of("live overrides need a provider parameter of type "
                    + "dev.aiq.api.ConfigOverrides; " + provider.name() + " has none"));
        }
        try {
            new ConfigOverrides.Entry(path, value);
        } catch (IllegalArgumentException e) {
            return overrideRefused(path, List.of(e.getMessage()));
        }
        LiveOverrides.Origin was = liveOverrides.originOf(path);
        String before = liveOverrides.put(path, value, LiveOverrides.Origin.SET);
        ReloadOutcome outcome = run(Trigger.OVERRIDE, "set " + path, () -> feedback.note("Applying live override: " + path));
        if (!outcome.success()) {
            liveOverrides.restore(path, before, was);
            feedback.overrideRefused(path, outcome.errors().isEmpty() ? List.of(outcome.message()) : outcome.errors());
        }
        return outcome;
    }

    /** Removes a live override and applies the config without it. */
    public ReloadOutcome unset(String path) {
        LiveOverrides.Origin was = liveOverrides.originOf(path);
        String before = liveOverrides.remove(path);
        if (before == null) {
            return overrideRefused(path, List.of("no live override set for '" + path + "'"));
        }
        ReloadOutcome outcome = run(Trigger.OVERRIDE, "unset " + path, () -> feedback.note("Removing live override: " + path));
        if (!outcome.success()) {
            liveOverrides.restore(path, before, was);
            feedback.overrideRefused(path, outcome.errors().isEmpty() ? List.of(outcome.message()) : outcome.errors());
        }
        return outcome;
    }

    /** What changed between two generations in history; 0 means the live one ({@code to}) or the one before it. */
    public List<Change> diff(long from, long to) {
        List<HistoryEntry> kept = history.view();
        long toGen = to <= 0 ? kept.get(0).generation() : to;
        long fromGen = from <= 0 ? (kept.size() > 1 ? kept.get(1).generation() : toGen) : from;
        return TreeDiff.between(history.find(fromGen).tree(), history.find(toGen).tree());
    }

    /** Forgets every history entry but the live one. */
    public void clearHistory() {
        history.clearButLive();
    }

    /** Takes a new set of {@code watch=} files (a second attach with other options). */
    public void extraFiles(List<Path> extra) {
        files.extra(extra);
        watchFiles.accept(files.watched());
    }

    /**
     * Tells {@code listener} of every outcome from now on (start, reloads, failed attempts, rollbacks, overrides,
     * dry runs of the config, saves with nothing new), on the reload thread; set it before {@link #start}.
     */
    public void onOutcome(Consumer<ReloadOutcome> listener) {
        outcomes.onOutcome(listener);
    }

    // ---- views ------------------------------------------------------------------------------------------------

    /** The live entry. */
    public HistoryEntry live() {
        return history.live();
    }

    /** History, newest (live) first. */
    public List<HistoryEntry> history() {
        return history.view();
    }

    /** The last outcome, or null. */
    public ReloadOutcome lastOutcome() {
        return outcomes.last();
    }

    /** Failed attempts since the last success. */
    public int attempts() {
        return attempts.count();
    }

    /** Live overrides, masked where secret. */
    public Map<String, String> liveOverridesMasked() {
        return liveOverrides.masked();
    }

    /** The live generation. */
    public long generation() {
        HistoryEntry live = history.live();
        return live == null ? 0 : live.generation();
    }

    /** The root config file. */
    public Path configFile() {
        return configFile;
    }

    /** Every file this config depends on: what the reader read, the nested calls' files, the extra ones. */
    public List<Path> liveFiles() {
        return files.watched();
    }

    /** The files named by the provider calls nested in this config's (sub-configs), as of the last replay. */
    public List<Path> dependencies() {
        return files.dependencies();
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
        swap.close();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private String fingerprintOf(Map<Path, FileState> states) {
        return Fingerprint.of(states.values()) + liveOverrides.fingerprint() + builtWith.get();
    }

    /** An outcome of the live generation, said as the console says it (see {@link Outcomes#record}). */
    private ReloadOutcome outcome(ReloadOutcome.Kind kind, boolean success, String message, List<String> errors,
                                  List<Change> changes, Timings timings) {
        return outcomes.record(kind, success, generation, message, errors, changes, timings, true);
    }

    /** A {@code set} or {@code unset} refused before anything was read: said on the console, kept in status. */
    private ReloadOutcome overrideRefused(String path, List<String> errors) {
        feedback.overrideRefused(path, errors);
        return outcome(ReloadOutcome.Kind.OVERRIDE, false, errors.get(0), errors, List.of(), Timings.NONE);
    }

    private static Set<String> changedPaths(List<Change> changes) {
        Set<String> paths = new LinkedHashSet<>();
        for (Change c : changes) {
            paths.add(c.path());
        }
        return paths;
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private static boolean isEmpty(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
