package dev.aiq.agent;

import dev.aiq.agent.console.AgentLog;
import dev.aiq.agent.console.Feedback;
import dev.aiq.agent.control.ControlPlane;
import dev.aiq.agent.control.DevModeControl;
import dev.aiq.agent.instrument.BridgeInjector;
import dev.aiq.agent.instrument.Instrumenter;
import dev.aiq.agent.instrument.ProviderCall;
import dev.aiq.agent.instrument.ProviderSlot;
import dev.aiq.agent.options.AgentOptions;
import dev.aiq.agent.options.OptionsParser;
import dev.aiq.agent.options.ProviderSpec;
import dev.aiq.agent.protocol.Change;
import dev.aiq.agent.reload.HistoryEntry;
import dev.aiq.agent.reload.ProviderBinding;
import dev.aiq.agent.reload.ReloadEngine;
import dev.aiq.agent.protocol.ReloadOutcome;
import dev.aiq.agent.protocol.ConfigStatus;
import dev.aiq.agent.watch.ConfigWatcher;
import dev.aiq.agent.watch.Debouncer;
import dev.aiq.agent.watch.WatchSettings;
import dev.aiq.agent.watch.WatchSink;
import dev.aiq.agent.yaml.YamlReader;
import dev.aiq.api.ConfigOverrides;
import dev.aiq.bootstrap.DevModeBridge;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Development mode in one JVM: wires instrument → watch → reload → control, and is the one implementation of
 * {@link DevModeControl}. At most one runtime per JVM; a second load of the agent applies its options to it.
 *
 * <p>Threads: the app's own thread only records a provider's first call; everything else happens on the daemon
 * reload thread {@code aiq-dev-reload} (which serialises reloads, retries and control requests that change state),
 * the watcher's threads and the control thread. Internal.
 */
public final class AgentRuntime implements DevModeControl {

    /**
     * How long after the provider's first call the pipeline starts when the agent came with the JVM. The host is
     * still starting then, and the pipeline's first use of the YAML reader, the watcher, JSON and JMX would compete
     * with it for the CPU (PITFALLS: +80–210 ms of the host's start-up on 2 cores). Nobody edits the config in the
     * first second; at attach the host is up and the pipeline starts at once.
     */
    private static final long START_UP_PIPELINE_DELAY_MILLIS = 300;

    private static final Object LOCK = new Object();
    private static final long MISSING_GRACE_MILLIS = 250;
    private static AgentRuntime current;

    private final Instrumentation inst;
    private final boolean attached;
    private final Feedback feedback = Feedback.toStandardError();
    private final Set<String> problemsShown = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The reload thread's executor, made at first use so that premain stays short; guarded by this. */
    private ScheduledThreadPoolExecutor worker;
    private volatile AgentOptions options;
    private volatile Instrumenter instrumenter;
    private volatile int primarySlot = -1;
    private volatile long firstCallMillis;
    private volatile ReloadEngine engine;
    private volatile ConfigWatcher watcher;
    private volatile Debouncer debouncer;
    private volatile ControlPlane control;
    private volatile Thread shutdownHook;
    private volatile boolean closed;

    private AgentRuntime(Instrumentation inst, AgentOptions options, boolean attached) {
        this.inst = inst;
        this.options = options;
        this.attached = attached;
    }

    /** Starts development mode, or applies new options to the one already running. */
    static void start(String args, Instrumentation inst, boolean attached) throws Exception {
        AgentOptions options = OptionsParser.parse(args);
        for (String problem : options.problems()) {
            System.err.println(problem);
        }
        synchronized (LOCK) {
            if (current != null) {
                current.applyOptions(options);
                return;
            }
            BridgeInjector.inject(inst);
            AgentRuntime runtime = new AgentRuntime(inst, options, attached);
            current = runtime;
            runtime.install();
        }
    }

    /** The runtime of this JVM, or null. */
    static AgentRuntime current() {
        synchronized (LOCK) {
            return current;
        }
    }

    /**
     * Hooks into the bridge and the class loading. At start-up this is all premain does, while the host waits: no
     * threads, no lambdas (each first use spins a class), nothing of the pipeline; that starts after the provider's
     * first call.
     */
    private void install() {
        DevModeBridge.recorder(new FirstCallRecorder());
        instrumenter = Instrumenter.install(inst, options.providers(), new ProblemPrinter());
        if (!attached) {
            return;
        }
        // attach: the app is running; instrument what is loaded, connect agent-api, start the pipeline now. The
        // control socket opens last (the pipeline opens it when it starts), so that `aiq-dev attach`, which waits
        // for the socket, finds dev mode active rather than starting.
        instrumenter.retransformLoaded();
        connectDevModeClasses();
        worker().execute(this::adoptRunningProviders);
        worker().execute(this::startControl);
    }

    // ---- generation 1 ------------------------------------------------------------------------------------------

    /** Called on the app's thread by the woven code when a provider ran its own code: keep it short. */
    private void onFirstCall(Object[] call) {
        int slot = (Integer) call[0];
        Object result = call[3];
        synchronized (this) {
            if (closed || primarySlot >= 0 || result == null) {
                if (result == null && primarySlot < 0) {
                    problem("aiq-dev: the provider returned null; waiting for a call that returns a config");
                }
                return;
            }
            primarySlot = slot;
        }
        firstCallMillis = System.currentTimeMillis();
        DevModeBridge.publish(slot, result);
        DevModeBridge.generation(1);
        Thread starter = new Thread(new PipelineStarter(slot, call[1], (Object[]) call[2], result), "aiq-dev-start");
        starter.setDaemon(true);
        starter.start();
    }

    /** At attach: a provider the agent did not see being called gets its arguments from the command line. */
    private void adoptRunningProviders() {
        if (primarySlot >= 0) {
            return;
        }
        List<ProviderSlot> slots = instrumenter.slots();
        if (slots.isEmpty()) {
            feedback.warn("aiq-dev: no config provider found in this JVM (annotate it with @ConfigProvider or pass"
                    + " --provider com.acme.ConfigLoader#load); waiting for one to load");
            return;
        }
        CommandLine commandLine = CommandLine.ofThisProcess();
        Path file = options.config() != null ? options.config().toAbsolutePath() : commandLine.configFile();
        for (ProviderSlot slot : slots) {
            try {
                ProviderCall call = ProviderCall.inferred(slot, file, commandLine.overrides());
                if (call == null) {
                    continue;
                }
                Object result = call.replay(null, ConfigOverrides.none());
                if (result != null) {
                    synchronized (this) {
                        if (primarySlot >= 0) {
                            return;
                        }
                        primarySlot = slot.slot();
                    }
                    DevModeBridge.publish(slot.slot(), result);
                    DevModeBridge.generation(1);
                    startPipeline(slot.slot(), null, null, result, call);
                    ReloadEngine adopted = engine;
                    if (adopted != null) {
                        // the file may have changed since the app read it: make the app run what generation 1 says
                        adopted.applyLive();
                    }
                    return;
                }
            } catch (Throwable t) {
                problem("aiq-dev: could not call " + slot.displayName() + " to read the running config: " + t.getMessage());
            }
        }
        feedback.warn("aiq-dev: instrumented " + slots.get(0).displayName() + "; waiting for its next call to learn its"
                + " arguments (or attach with --config_file)");
    }

    private void startPipeline(int slot, Object receiver, Object[] args, Object result, ProviderCall known) {
        try {
            AgentLog.configure(options.logLevel());
            ProviderSlot providerSlot = instrumenter.slot(slot);
            ProviderCall call = known != null ? known : ProviderCall.of(providerSlot, receiver, args);
            Path file = options.config() != null ? options.config().toAbsolutePath().normalize() : call.configFile();
            if (file == null) {
                feedback.warn("aiq-dev: no config file among the arguments of " + providerSlot.displayName()
                        + "; pass config=PATH (-javaagent:aiq-dev.jar=config=PATH)");
                startControl();
                return;
            }
            AgentOptions o = options;
            ReloadEngine newEngine = new ReloadEngine(new YamlReader()::read, new Binding(call, slot), file,
                    () -> DevModeBridge.LISTENERS, feedback, worker(), Clock.systemUTC(), System::nanoTime,
                    new ReloadEngine.Settings(o.maxAttempts(), o.history(), o.listenerTimeout()), this::follow);
            List<Path> files = newEngine.start(result, o.overrides());
            engine = newEngine;
            startWatching(o, files);
            DevModeBridge.active(true);
            feedback.banner(file, o.delayText(), bannerDetails(o, call));
            newEngine.catchUp(known == null && savedSince(file, firstCallMillis));
            startControl();
            installShutdownHook();
        } catch (Throwable t) {
            feedback.warn("aiq-dev: development mode could not start: " + t);
        }
    }

    private static boolean hasContent(Path file) {
        try {
            return java.nio.file.Files.isRegularFile(file) && java.nio.file.Files.size(file) > 0;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether {@code file} was saved after {@code millis} (the app's own read), when the engine may have missed it. */
    private static boolean savedSince(Path file, long millis) {
        try {
            return java.nio.file.Files.getLastModifiedTime(file).toMillis() > millis;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    private List<String> bannerDetails(AgentOptions o, ProviderCall call) {
        List<String> lines = new ArrayList<>();
        lines.add("Provider: " + call.slot().displayName());
        lines.add("Polling net: " + (o.poll().isZero() ? "off" : AgentOptions.seconds(o.poll()) + "s")
                + (o.events() ? ", file events on" : ", file events off"));
        if (!o.watch().isEmpty()) {
            lines.add("Also watching: " + o.watch());
        }
        return lines;
    }

    private void startWatching(AgentOptions o, List<Path> files) {
        Debouncer newDebouncer = new Debouncer(worker(), o.delay(), changed -> {
            ReloadEngine e = engine;
            if (e != null && !closed) {
                ReloadOutcome outcome = e.fileChanged(changed);
                AgentLog.debug("reload after {}: {} {}, generation {}", changed, outcome.kind(),
                        outcome.success() ? "ok" : "failed", outcome.generation());
            }
        });
        ConfigWatcher newWatcher = new ConfigWatcher(new WatchSettings(o.events(), o.poll()), new WatchSink() {
            @Override
            public void changed(Path file) {
                AgentLog.debug("content of {} changed; quiet period {} s starts", file, AgentOptions.seconds(o.delay()));
                newDebouncer.signal(file);
            }

            @Override
            public void missing(Path file) {
                // vim, JetBrains and delete-then-create saves make the file vanish for a few milliseconds: say it is
                // missing only if it still is a moment later (gone, or something that is not a file in its place)
                worker().schedule(() -> {
                    ReloadEngine e = engine;
                    if (e != null && !closed && !hasContent(file)) {
                        if (java.nio.file.Files.isRegularFile(file)) {
                            e.reload("file change", false);   // an empty file: the engine says so once
                        } else {
                            e.fileMissing(file);
                        }
                    }
                }, MISSING_GRACE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        });
        newWatcher.watch(withExtra(files));
        Debouncer oldDebouncer = debouncer;
        ConfigWatcher oldWatcher = watcher;
        debouncer = newDebouncer;
        watcher = newWatcher;
        closeQuietly(oldWatcher);
        closeQuietly(oldDebouncer);
    }

    /** The engine's files changed (a new include): the watcher follows. */
    private void follow(List<Path> files) {
        ConfigWatcher w = watcher;
        if (w != null) {
            w.watch(withExtra(files));
        }
    }

    private List<Path> withExtra(List<Path> files) {
        Set<Path> all = new LinkedHashSet<>(files);
        for (Path extra : options.watch()) {
            all.add(extra.toAbsolutePath().normalize());
        }
        return List.copyOf(all);
    }

    private void startControl() {
        AgentLog.configure(options.logLevel());
        synchronized (this) {
            if (control != null || closed) {
                return;
            }
            try {
                control = ControlPlane.start(this);
            } catch (Throwable t) {
                feedback.warn("aiq-dev: the control socket could not start (the CLI cannot reach this JVM): " + t.getMessage());
            }
        }
    }

    private void installShutdownHook() {
        if (shutdownHook != null) {
            return;
        }
        Thread hook = new Thread(() -> teardown(false), "aiq-dev-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            shutdownHook = hook;
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting
        }
    }

    /** agent-api's DevMode classes loaded before the agent came: tell them the bridge is here. */
    private void connectDevModeClasses() {
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.getName().equals("dev.aiq.api.DevMode")) {
                try {
                    Method m = c.getDeclaredMethod("agentAttached");
                    m.setAccessible(true);
                    m.invoke(null);
                } catch (Throwable t) {
                    problem("aiq-dev: could not connect " + c + " from " + c.getClassLoader() + ": " + t);
                }
            }
        }
    }

    // ---- a second load of the agent -----------------------------------------------------------------------------

    private void applyOptions(AgentOptions newOptions) {
        feedback.note("aiq-dev: already active in this JVM; applying the new options");
        AgentOptions old = options;
        options = newOptions;
        if (!newOptions.providers().isEmpty()) {
            instrumenter.addProviders(newOptions.providers());
        }
        connectDevModeClasses();
        startControl();
        worker().execute(() -> {
            ReloadEngine e = engine;
            if (e == null) {
                adoptRunningProviders();
                return;
            }
            if (!newOptions.delay().equals(old.delay()) || !newOptions.poll().equals(old.poll())
                    || newOptions.events() != old.events() || !newOptions.watch().equals(old.watch())) {
                startWatching(newOptions, e.liveFiles());
                feedback.note("Reload delay: " + newOptions.delayText());
            }
            for (ConfigOverrides.Entry entry : newOptions.overrides()) {
                e.set(entry.path(), entry.value());
            }
        });
    }

    // ---- DevModeControl -----------------------------------------------------------------------------------------

    @Override
    public dev.aiq.agent.protocol.JvmStatus status() {
        List<String> providers = new ArrayList<>();
        Instrumenter i = instrumenter;
        if (i != null) {
            for (ProviderSlot s : i.slots()) {
                providers.add(s.displayName());
            }
        }
        return new dev.aiq.agent.protocol.JvmStatus(DevModeBridge.isActive(), ProcessHandle.current().pid(), providers,
                engine == null ? List.of() : List.of(single.status()), List.of());
    }

    @Override
    public List<dev.aiq.agent.control.ConfigControl> configs() {
        return engine == null ? List.of() : List.of(single);
    }

    @Override
    public void onConfigAdded(Consumer<dev.aiq.agent.control.ConfigControl> listener) {
    }

    private final SingleConfig single = new SingleConfig();

    private final class SingleConfig implements dev.aiq.agent.control.ConfigControl {
        @Override
        public String name() {
            return engine().configFile().getFileName().toString();
        }

        @Override
        public Path configFile() {
            return engine().configFile();
        }

        @Override
        public dev.aiq.agent.protocol.ConfigStatus status() {
            ReloadEngine e = engine;
            AgentOptions o = options;
            List<String> providers = new ArrayList<>();
            Instrumenter i = instrumenter;
            if (i != null) {
                for (ProviderSlot s : i.slots()) {
                    providers.add(s.displayName());
                }
                for (ProviderSpec spec : i.specs()) {
                    if (!providers.contains(spec.toString())) {
                        providers.add(spec.toString());
                    }
                }
            }
            List<String> watched = new ArrayList<>();
            ConfigWatcher w = watcher;
            if (w != null) {
                for (Path p : w.watchedFiles()) {
                    watched.add(p.toString());
                }
            }
            if (e == null) {
                return new dev.aiq.agent.protocol.ConfigStatus("", null, String.join(", ", providers), false, 0, null, null, 0,
                        o.maxAttempts(), watched, List.of(), seconds(o.delay()), seconds(o.poll()), o.events(), List.of(),
                        Map.of(), 0);
            }
            HistoryEntry live = e.live();
            List<String> appOverrides = new ArrayList<>();
            for (ConfigOverrides.Entry entry : e.provider().appOverrides()) {
                appOverrides.add(entry.path() + "=" + dev.aiq.agent.reload.Secrets.render(entry.path(), entry.value()));
            }
            return new dev.aiq.agent.protocol.ConfigStatus(e.configFile().getFileName().toString(), e.configFile().toString(),
                    e.provider().name(), DevModeBridge.isActive(), live.generation(), live.sha256(), e.lastOutcome(), e.attempts(),
                    o.maxAttempts(), watched, List.of(), seconds(o.delay()), seconds(o.poll()), o.events(), appOverrides,
                    e.liveOverridesMasked(), e.history().size());
        }

        @Override
        public ReloadOutcome reload(boolean validateOnly) {
            return onWorker(e -> {
                ReloadOutcome outcome = e.reload("reload", validateOnly);
                if (outcome.kind() == ReloadOutcome.Kind.UNCHANGED) {
                    feedback.unchanged(outcome.generation());
                }
                return outcome;
            });
        }

        @Override
        public ReloadOutcome validate(Path file) {
            return onWorker(e -> e.validate(file));
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

    }

    @Override
    public void detach() {
        Thread t = new Thread(() -> teardown(true), "aiq-dev-detach");
        t.setDaemon(true);
        t.start();
    }

    /** Stops everything; on detach also restores the provider's original code so a later attach starts afresh. */
    private void teardown(boolean detaching) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        DevModeBridge.active(false);
        closeQuietly(watcher);
        closeQuietly(debouncer);
        if (detaching) {
            try {
                Instrumenter i = instrumenter;
                if (i != null) {
                    i.reset();
                }
            } catch (Throwable t) {
                problem("aiq-dev: could not restore the provider: " + t);
            }
            DevModeBridge.reset();
            Thread hook = shutdownHook;
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // fine
                }
            }
        }
        worker().shutdownNow();
        closeQuietly(engine);
        closeQuietly(control);
        synchronized (LOCK) {
            if (current == this) {
                current = null;
            }
        }
        if (detaching) {
            feedback.note("aiq-dev: detached; the app keeps its live configuration (generation " + DevModeBridge.generation() + ")");
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private ReloadEngine engine() {
        ReloadEngine e = engine;
        if (e == null) {
            throw new IllegalStateException("development mode is waiting for the config provider's first call");
        }
        return e;
    }

    private <T> T onWorker(java.util.function.Function<ReloadEngine, T> action) {
        ReloadEngine e = engine();
        Callable<T> task = () -> action.apply(e);
        try {
            return worker().submit(task).get(options.listenerTimeout().toMillis() * 3 + 30_000, TimeUnit.MILLISECONDS);
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

    /** The reload thread, started at first use. */
    private synchronized ScheduledThreadPoolExecutor worker() {
        if (worker == null) {
            worker = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "aiq-dev-reload");
                t.setDaemon(true);
                return t;
            });
            worker.setRemoveOnCancelPolicy(true);
        }
        return worker;
    }

    private void problem(String line) {
        if (problemsShown.add(line)) {
            System.err.println(line);
        }
    }

    private static double seconds(java.time.Duration d) {
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

    /** Hands the provider's first call to {@link #onFirstCall} (a class, not a lambda: it is made in premain). */
    private final class FirstCallRecorder implements Consumer<Object[]> {
        @Override
        public void accept(Object[] call) {
            onFirstCall(call);
        }
    }

    /** Prints the transformer's problems once each (a class, not a lambda: it is made in premain). */
    private final class ProblemPrinter implements Consumer<String> {
        @Override
        public void accept(String line) {
            problem(line);
        }
    }

    /**
     * Starts the pipeline on the reload thread after the start-up delay (none at attach). Its own short-lived thread
     * waits out the delay, so the app's thread that made the first call only starts a thread.
     */
    private final class PipelineStarter implements Runnable {
        private final int slot;
        private final Object receiver;
        private final Object[] args;
        private final Object result;

        PipelineStarter(int slot, Object receiver, Object[] args, Object result) {
            this.slot = slot;
            this.receiver = receiver;
            this.args = args;
            this.result = result;
        }

        @Override
        public void run() {
            try {
                if (!attached) {
                    TimeUnit.MILLISECONDS.sleep(START_UP_PIPELINE_DELAY_MILLIS);
                }
                if (!closed) {
                    worker().execute(() -> startPipeline(slot, receiver, args, result, null));
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                problem("aiq-dev: development mode could not start: " + t);
            }
        }
    }

    /** The instrumented provider as the engine sees it. */
    private static final class Binding implements ProviderBinding {
        private final ProviderCall call;
        private final int slot;

        Binding(ProviderCall call, int slot) {
            this.call = call;
            this.slot = slot;
        }

        @Override
        public String name() {
            return call.slot().displayName();
        }

        @Override
        public ClassLoader loader() {
            return call.slot().loader().get();
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
        public Object replay(Path file, ConfigOverrides live) throws Exception {
            return call.replay(file, live);
        }

        @Override
        public void publish(Object value, long generation) {
            DevModeBridge.publish(slot, value);
            DevModeBridge.generation(generation);
        }
    }
}
