package dev.aiq.agent.session;

import dev.aiq.agent.console.AgentLog;
import dev.aiq.agent.control.ConfigControl;
import dev.aiq.agent.control.ConfigView;
import dev.aiq.agent.instrument.KnownLoaders;
import dev.aiq.agent.instrument.ProviderCall;
import dev.aiq.agent.instrument.ProviderSlot;
import dev.aiq.agent.mask.Masking;
import dev.aiq.agent.options.AgentOptions;
import dev.aiq.agent.protocol.Change;
import dev.aiq.agent.protocol.ConfigStatus;
import dev.aiq.agent.protocol.ReloadOutcome;
import dev.aiq.agent.protocol.ShownConfig;
import dev.aiq.agent.reload.HistoryEntry;
import dev.aiq.agent.reload.ProviderBinding;
import dev.aiq.agent.reload.ReloadEngine;
import dev.aiq.agent.reload.StagedCode;
import dev.aiq.agent.reload.Secrets;
import dev.aiq.agent.yaml.YamlReader;
import dev.aiq.api.ConfigOverrides;
import dev.aiq.bootstrap.DevModeBridge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Development mode for one config: the outermost provider call that made it, and its own pipeline — watcher →
 * debouncer → reload engine → its entry in the bridge — with its state (history, attempts, live overrides, status).
 * State changes run on the runtime's one reload thread. Internal.
 */
public final class ConfigSession implements ConfigControl {

    private final SessionContext context;
    private final Sessions sessions;
    private final ConfigIdentity identity;
    private final ProviderSlot slot;
    private final ProviderCall call;
    /** The JVM's first config: its generation is what {@code DevMode.generation()} reports. */
    private final boolean first;
    /** Whether the call was made up at attach from the command line (the app's own call was not seen). */
    private final boolean inferred;
    private final long firstCallMillis = System.currentTimeMillis();
    /** Generation 1, or one more than this config had when the agent was last detached from this JVM. */
    private final long firstGeneration;

    private volatile ReloadEngine engine;
    private final SessionWatch watch;
    private volatile Path configFile;
    private volatile String inactiveReason = "starting";
    private volatile boolean closed;

    ConfigSession(SessionContext context, Sessions sessions, ConfigIdentity identity, ProviderSlot slot,
                  ProviderCall call, boolean first, boolean inferred) {
        this.context = context;
        this.sessions = sessions;
        this.identity = identity;
        this.slot = slot;
        this.call = call;
        this.first = first;
        this.inferred = inferred;
        Path file = first && context.options().config() != null ? context.options().config() : call.configFile();
        this.configFile = file == null ? null : file.toAbsolutePath().normalize();
        this.watch = new SessionWatch(context, configFile, () -> closed ? null : engine, this::name);
        this.firstGeneration = DevModeBridge.lastGeneration(generationKey()) + 1;
    }

    /** What the bridge remembers this config's generations by: its file, else its provider. */
    private String generationKey() {
        return configFile != null ? configFile.toString() : slot.displayName();
    }

    ConfigIdentity identity() {
        return identity;
    }

    /** Publishes what the app's own call returned as generation 1: calls with this identity get it from now on. */
    void publishFirst(Object result) {
        DevModeBridge.bind(slot.slot(), this, call.receiver(), call.args());
        DevModeBridge.publish(slot.slot(), this, result);
        DevModeBridge.lastGeneration(generationKey(), firstGeneration);
        if (first) {
            DevModeBridge.generation(firstGeneration);
        }
    }

    /** Another form of this config's arguments (a relative path to the same file): answered on the hot path too. */
    void addForm(Object receiver, Object[] args) {
        if (DevModeBridge.forms(slot.slot(), this) < Sessions.FORMS_KEPT) {
            DevModeBridge.bind(slot.slot(), this, receiver, args);
        }
    }

    /** The live value, or null. */
    Object live() {
        return DevModeBridge.published(slot.slot(), this);
    }

    /**
     * Starts the pipeline (on the reload thread): reads the config with the agent's reader, records generation 1,
     * watches everything it depends on and prints the banner.
     *
     * @param result     generation 1: what the app's call returned
     * @param nested     the files named by the calls nested in the app's call (sub-configs)
     */
    void start(Object result, List<Path> nested) {
        try {
            AgentOptions o = context.options();
            AgentLog.configure(o.logLevel());
            AgentLog.debug("options in force: config={}, delay={} s, poll={} s, events={}, max_attempts={}, history={},"
                    + " overrides={}, watch={}", o.config(), AgentOptions.seconds(o.delay()),
                    AgentOptions.seconds(o.poll()), o.events(), o.maxAttempts(), o.history(),
                    o.overrides().entries().stream().map(ConfigOverrides.Entry::path).toList(), o.watch());
            AgentLog.debug("provider {} called{}: config {} ({})", slot.displayName(), inferred
                    ? " (made up at attach from the app's command line)" : "", configFile, first ? "the JVM's first"
                    : "one more config of this JVM");
            Path file = configFile;
            if (file == null) {
                inactiveReason = "no config file among the arguments of " + slot.displayName()
                        + "; pass config=PATH (-javaagent:aiq-dev.jar=config=PATH)";
                context.problem("aiq-dev: " + inactiveReason);
                context.pipelineStarted(this);
                return;
            }
            YamlReader reader = YamlReader.withRoot(o.root());
            ReloadEngine newEngine = new ReloadEngine(reader::read, new Binding(), file,
                    () -> DevModeBridge.LISTENERS, context.feedback().labelled(sessions.labelOf(this)), context.worker(),
                    Clock.systemUTC(), System::nanoTime,
                    new ReloadEngine.Settings(o.maxAttempts(), o.history(), o.listenerTimeout()), watch::follow,
                    watch::lastRead);
            newEngine.builtWith(context::codeFingerprint);
            newEngine.onOutcome(outcome -> context.outcome(this, outcome));
            String origin = inferred
                    ? "what " + slot.displayName() + " returned at attach for the app's command line"
                    : "what the app's call of " + slot.displayName() + " returned";
            List<Path> files = newEngine.start(result, first ? o.overrides() : ConfigOverrides.none(),
                    new ReloadEngine.Inputs(nested, extraFiles(o)), firstGeneration, origin);
            engine = newEngine;
            if (context.attached()) {
                // `aiq-dev attach` waits for the control socket: it opens once generation 1 is live, and the
                // watcher starts beside it; the catch-up after it sees any save made before the watcher did
                goLive(file, o, newEngine);
                context.pipelineStarted(this);
                watch.start(o, files);
                newEngine.catchUp(!inferred && savedSince(files, firstCallMillis));
            } else {
                watch.start(o, files);
                goLive(file, o, newEngine);
                newEngine.catchUp(!inferred && savedSince(files, firstCallMillis));
                context.pipelineStarted(this);
            }
        } catch (Throwable t) {
            inactiveReason = "development mode could not start: " + t;
            context.problem("aiq-dev: development mode could not start for " + configFile + ": " + t);
        }
    }

    /** Generation 1 is live: dev mode is active, the banner says so, and an attach's made-up call applies it. */
    private void goLive(Path file, AgentOptions o, ReloadEngine newEngine) {
        inactiveReason = null;
        DevModeBridge.active(true);
        context.feedback().banner(file, o.delayText(), bannerDetails(o));
        if (inferred) {
            // the file may have changed since the app read it: make the app run what generation 1 says
            newEngine.applyLive();
        }
    }

    private List<String> bannerDetails(AgentOptions o) {
        List<String> lines = new ArrayList<>();
        lines.add("Provider: " + slot.displayName());
        KnownLoaders.KnownLoader known = o.providers().isEmpty() ? KnownLoaders.of(slot) : null;
        if (known != null) {
            lines.add("Known loader: " + known.displayName() + ", hooked without options (turn off: known_loaders=false)");
        }
        lines.add("Polling net: " + (o.poll().isZero() ? "off" : AgentOptions.seconds(o.poll()) + "s")
                + (o.events() ? ", file events on" : ", file events off"));
        ReloadEngine e = engine;
        if (e != null && !e.dependencies().isEmpty()) {
            lines.add("Also watching (read by nested calls): " + e.dependencies());
        }
        if (!o.watch().isEmpty()) {
            lines.add("Also watching: " + o.watch());
        }
        return lines;
    }

    /** New options from a second attach: a new quiet period or polling starts the watching anew. */
    public void optionsChanged(AgentOptions old, AgentOptions now) {
        ReloadEngine e = engine;
        if (e == null) {
            return;
        }
        if (!now.watch().equals(old.watch())) {
            e.extraFiles(extraFiles(now));
        }
        if (!now.delay().equals(old.delay()) || !now.poll().equals(old.poll()) || now.events() != old.events()
                || !now.watch().equals(old.watch())) {
            watch.start(now, e.liveFiles());
            context.feedback().note("Reload delay: " + now.delayText());
        }
        if (first) {
            for (ConfigOverrides.Entry entry : now.overrides()) {
                e.set(entry.path(), entry.value());
            }
        }
    }

    private static List<Path> extraFiles(AgentOptions o) {
        List<Path> extra = new ArrayList<>();
        for (Path p : o.watch()) {
            extra.add(p.toAbsolutePath().normalize());
        }
        return extra;
    }

    // ---- ConfigControl ------------------------------------------------------------------------------------------

    @Override
    public String name() {
        return sessions.nameOf(this);
    }

    @Override
    public Path configFile() {
        return configFile;
    }

    /** Whether the config is live and watched. */
    boolean active() {
        return engine != null && !closed;
    }

    /** Why the config is not active, or null. */
    String inactiveReason() {
        return inactiveReason;
    }

    @Override
    public ConfigStatus status() {
        AgentOptions o = context.options();
        ReloadEngine e = engine;
        List<String> watched = new ArrayList<>();
        for (Path p : watch.watchedFiles()) {
            watched.add(p.toString());
        }
        String file = configFile == null ? null : configFile.toString();
        if (e == null) {
            return new ConfigStatus(name(), file, slot.displayName(), false, 0, null, null, 0, o.maxAttempts(), watched,
                    List.of(), seconds(o.delay()), seconds(o.poll()), o.events(), List.of(), Map.of(), 0);
        }
        HistoryEntry live = e.live();
        List<String> appOverrides = new ArrayList<>();
        for (ConfigOverrides.Entry entry : call.appOverrides()) {
            appOverrides.add(entry.path() + "=" + Secrets.render(entry.path(), entry.value()));
        }
        List<String> dependencies = new ArrayList<>();
        for (Path p : e.dependencies()) {
            dependencies.add(p.toString());
        }
        // a hash of the tree with its secrets masked: the content's own hash would let anyone test guesses of a secret
        return new ConfigStatus(name(), file, slot.displayName(), active(), live.generation(), Masking.configHash(live.tree()),
                e.lastOutcome(), e.attempts(), o.maxAttempts(), watched, dependencies, seconds(o.delay()),
                seconds(o.poll()), o.events(), appOverrides, e.liveOverridesMasked(), e.history().size(),
                context.plugins());
    }

    @Override
    public ReloadOutcome reload(boolean validateOnly) {
        return onWorker(e -> e.reload("reload", validateOnly));
    }

    /**
     * The code this config is built with changed (on the reload thread): replays it against {@code code}; null when
     * the config is not active.
     */
    public ReloadOutcome codeChanged(StagedCode code) {
        ReloadEngine e = engine;
        return e == null || closed ? null : e.codeChanged(code);
    }

    /** The code is back to what this config was built with (on the reload thread): failed attempts of it are over. */
    public void codeRestored() {
        ReloadEngine e = engine;
        if (e != null && !closed) {
            e.look("plugins back to the live set");
        }
    }

    @Override
    public ReloadOutcome validate(Path file) {
        return onWorker(e -> e.validate(file));
    }

    @Override
    public ReloadOutcome validate(Path file, String text) {
        return onWorker(e -> e.validateText(file, text));
    }

    @Override
    public List<Change> diff(long from, long to) {
        return engine().diff(from, to);
    }

    @Override
    public List<HistoryEntry> history() {
        return engine().history();
    }

    @Override
    public ReloadOutcome rollback(int steps) {
        return onWorker(e -> e.rollback(steps));
    }

    @Override
    public ReloadOutcome set(String path, String value) {
        return onWorker(e -> e.set(path, value));
    }

    @Override
    public ReloadOutcome unset(String path) {
        return onWorker(e -> e.unset(path));
    }

    @Override
    public void clearHistory() {
        onWorker(e -> {
            e.clearHistory();
            return null;
        });
    }

    @Override
    public ShownConfig show(String path) {
        HistoryEntry live = engine().live();
        return ConfigView.show(name(), live.generation(), live.tree(), path);
    }

    /** Stops watching; {@code detaching}: the bridge forgets the config, so its calls run the provider's own code. */
    void close(boolean detaching) {
        closed = true;
        closeQuietly(watch);
        closeQuietly(engine);
        if (detaching) {
            DevModeBridge.unbind(slot.slot(), this);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private ReloadEngine engine() {
        ReloadEngine e = engine;
        if (e == null) {
            throw new IllegalStateException("development mode for " + configFile + " is not active: " + inactiveReason);
        }
        return e;
    }

    private <T> T onWorker(Function<ReloadEngine, T> action) {
        ReloadEngine e = engine();
        Callable<T> task = () -> action.apply(e);
        Duration listenerTimeout = context.options().listenerTimeout();
        try {
            return context.worker().submit(task).get(listenerTimeout.toMillis() * 3 + 30_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException ex) {
            Throwable cause = ex.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(String.valueOf(cause), cause);
        } catch (TimeoutException ex) {
            throw new IllegalStateException("the reload thread is busy; try again");
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    /** Whether any of {@code files} was saved after {@code millis} (the app's own read): the engine may have missed it. */
    private static boolean savedSince(List<Path> files, long millis) {
        for (Path file : files) {
            try {
                if (Files.getLastModifiedTime(file).toMillis() > millis) {
                    return true;
                }
            } catch (IOException | RuntimeException e) {
                // gone: the watcher says so
            }
        }
        return false;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Throwable ignored) {
            // closing is best effort
        }
    }

    /** The instrumented provider as this config's engine sees it. */
    private final class Binding implements ProviderBinding {

        @Override
        public String name() {
            return slot.displayName();
        }

        @Override
        public ClassLoader loader() {
            return slot.loader().get();
        }

        @Override
        public ConfigOverrides appOverrides() {
            return call.appOverrides();
        }

        @Override
        public boolean takesOverrides() {
            return call.takesOverrides();
        }

        @Override
        public Replayed replay(Path file, ConfigOverrides live) throws Exception {
            ProviderCall.Result result = call.replay(file, live);
            Set<Path> dependencies = new LinkedHashSet<>(result.dependencies());
            dependencies.remove(configFile);
            return new Replayed(result.value(), List.copyOf(dependencies));
        }

        @Override
        public void publish(Object value, long generation) {
            DevModeBridge.publish(slot.slot(), ConfigSession.this, value);
            DevModeBridge.lastGeneration(generationKey(), generation);
            if (first) {
                DevModeBridge.generation(generation);
            }
        }
    }
}
