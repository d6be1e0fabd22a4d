package dev.aiq.agent;

import dev.aiq.agent.console.AgentLog;
import dev.aiq.agent.console.Diagnostics;
import dev.aiq.agent.console.Feedback;
import dev.aiq.agent.control.ConfigControl;
import dev.aiq.agent.control.ControlPlane;
import dev.aiq.agent.control.DevModeControl;
import dev.aiq.agent.instrument.BridgeInjector;
import dev.aiq.agent.instrument.Instrumenter;
import dev.aiq.agent.instrument.ProviderCall;
import dev.aiq.agent.instrument.ProviderSlot;
import dev.aiq.agent.options.AgentOptions;
import dev.aiq.agent.options.AttachVerdict;
import dev.aiq.agent.options.OptionsParser;
import dev.aiq.agent.options.ProviderSpec;
import dev.aiq.agent.plugin.PluginRegistry;
import dev.aiq.agent.protocol.PluginStatus;
import dev.aiq.agent.protocol.ConfigStatus;
import dev.aiq.agent.protocol.JvmStatus;
import dev.aiq.agent.protocol.ReloadOutcome;
import dev.aiq.agent.protocol.WireJson;
import dev.aiq.agent.protocol.WireRecords;
import dev.aiq.agent.reload.Reasons;
import dev.aiq.agent.session.ConfigSession;
import dev.aiq.agent.session.SessionContext;
import dev.aiq.agent.session.Sessions;
import dev.aiq.agent.yaml.YamlReader;
import dev.aiq.api.ConfigOverrides;
import dev.aiq.bootstrap.DevModeBridge;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Development mode in one JVM, its lifecycle only: start (premain or attach), a second load of the agent, detach and
 * shutdown. It owns the {@link Sessions} — one {@link ConfigSession} per config, each with its own pipeline — the one
 * reload thread they share, the control plane, and the sink for the agent's own problems. At most one runtime per
 * JVM. Internal.
 *
 * <p>Threads: the app's own thread only records an outermost provider call; everything else happens on the daemon
 * reload thread {@code aiq-dev-reload} (which serialises reloads of every config, retries and control requests that
 * change state), the watchers' threads and the control thread.
 */
public final class AgentRuntime implements DevModeControl, SessionContext {

    private static final Object LOCK = new Object();
    private static final int PROBLEMS_KEPT = 50;
    private static AgentRuntime current;

    private final Instrumentation inst;
    private final boolean attached;
    private final Feedback feedback = Feedback.toStandardError();
    private final Set<String> problemsShown = ConcurrentHashMap.newKeySet();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<BiConsumer<ConfigControl, ReloadOutcome>> outcomeListeners = new CopyOnWriteArrayList<>();
    private final Sessions sessions;
    private final PluginRegistry plugins;
    /** The reload thread's executor, made at first use so that premain stays short; guarded by this. */
    private ScheduledThreadPoolExecutor worker;
    private volatile AgentOptions options;
    private volatile Instrumenter instrumenter;
    private volatile ControlPlane control;
    private volatile Thread shutdownHook;
    private volatile boolean closed;
    /** Why no config is live yet after an attach, or null. */
    private volatile String waiting;

    private AgentRuntime(Instrumentation inst, AgentOptions options, boolean attached) {
        this.inst = inst;
        this.options = options;
        this.attached = attached;
        this.sessions = Sessions.create(this, new InstrumenterRef());
        this.plugins = new PluginRegistry(this, sessions);
    }

    /**
     * Starts development mode, or applies new options to the one already running. At {@code -javaagent} a bad option
     * is reported and left at its default (the app is starting; it must not fail for that). At attach the options are
     * applied whole or not at all: one bad or conflicting option refuses them, and the {@link AttachVerdict} tells
     * the CLI why.
     */
    static void start(String args, Instrumentation inst, boolean attached) throws Exception {
        String tag = String.valueOf(args);
        synchronized (LOCK) {
            AgentOptions options = current == null ? OptionsParser.parse(args)
                    : OptionsParser.parseOver(args, current.options);
            List<String> refusals = attached ? refusals(options) : List.of();
            if (!refusals.isEmpty()) {
                Feedback feedback = current != null ? current.feedback : Feedback.toStandardError();
                refusals.forEach(reason -> feedback.warn("aiq-dev: attach refused, nothing applied: " + reason));
                AttachVerdict.refused(tag, refusals).publish();
                return;
            }
            try {
                if (current != null) {
                    current.reportOptionProblems(options);
                    current.applyOptions(options);
                } else {
                    BridgeInjector.inject(inst);
                    AgentRuntime runtime = new AgentRuntime(inst, options, attached);
                    current = runtime;
                    runtime.reportOptionProblems(options);
                    runtime.install();
                }
            } catch (Exception | LinkageError e) {
                if (attached) {
                    AttachVerdict.refused(tag, List.of("development mode could not start: " + e)).publish();
                }
                throw e;
            }
            if (attached) {
                AttachVerdict.applied(tag).publish();
            }
        }
    }

    /** Why options given at attach cannot be applied: bad options, or a config other than the live one. */
    private static List<String> refusals(AgentOptions options) {
        List<String> refusals = new ArrayList<>();
        for (String problem : options.problems()) {
            refusals.add(AttachVerdict.asRefusal(problem));
        }
        AgentRuntime running = current;
        Path wanted = options.config() == null ? null : options.config().toAbsolutePath().normalize();
        if (running != null && wanted != null) {
            List<Path> live = new ArrayList<>();
            for (ConfigSession session : running.sessions.all()) {
                if (session.status().active() && session.configFile() != null) {
                    live.add(session.configFile().toAbsolutePath().normalize());
                }
            }
            if (!live.isEmpty() && !live.contains(wanted)) {
                refusals.add("--config_file " + wanted + " conflicts with the config dev mode already serves ("
                        + live.get(0) + "); detach first to switch files");
            }
        }
        return refusals;
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
        DevModeBridge.recorder(sessions);
        DevModeBridge.resolver(sessions);
        DevModeBridge.pluginOpener(plugins);
        ProblemPrinter printer = new ProblemPrinter();
        Diagnostics.to(printer);
        instrumenter = Instrumenter.install(inst, options.providers(), options.knownLoaders(), printer);
        if (!attached) {
            return;
        }
        // attach: the app is running; instrument what is loaded, connect agent-api, adopt the running config. The
        // control socket opens last, so that `aiq-dev attach`, which waits for the socket, finds dev mode active
        // rather than starting.
        warmUpReader();
        instrumenter.retransformLoaded();
        connectDevModeClasses();
        worker().execute(() -> {
            adoptRunningProviders();
            // after the session's start, which adopting queued: the socket opens on an active dev mode
            worker().execute(this::startControl);
        });
    }

    /** At attach: a static provider the agent did not see being called gets its arguments from the command line. */
    private void adoptRunningProviders() {
        if (!sessions.all().isEmpty()) {
            return;
        }
        List<ProviderSlot> slots = instrumenter.slots();
        AgentOptions o = options;
        if (slots.isEmpty()) {
            waitingFor(o.providers().isEmpty()
                    ? "no config provider found in this JVM (annotate it with @ConfigProvider or attach with"
                            + " --provider com.acme.ConfigLoader#load); waiting for one to load"
                    : "the provider " + o.providers().get(0) + " is not loaded in this JVM; waiting for its class to"
                            + " load");
            return;
        }
        CommandLine commandLine = CommandLine.ofThisProcess();
        Path file = o.config() != null ? o.config().toAbsolutePath() : commandLine.configFile();
        String failure = null;
        for (ProviderSlot slot : slots) {
            try {
                ProviderCall call = ProviderCall.inferred(slot, file, commandLine.overrides());
                if (call == null) {
                    continue;
                }
                ProviderCall.Result replayed = call.replay(null, ConfigOverrides.none());
                if (replayed.value() != null) {
                    sessions.adopt(slot, call, replayed.value(), replayed.dependencies());
                    waiting = null;
                    return;
                }
                failure = slot.displayName() + " returned null for " + file;
            } catch (Throwable t) {
                failure = "could not call " + slot.displayName() + " to read the running config" + (file == null ? ""
                        : " from " + file) + ": " + Reasons.of(t);
                problem("aiq-dev: " + failure);
            }
        }
        waitingFor((failure == null ? "" : failure + "; ") + "instrumented " + slots.get(0).displayName()
                + ", waiting for its next call to learn its arguments"
                + (file == null && o.config() == null ? " (or attach with --config_file)" : ""));
    }

    /** Dev mode is not active, for {@code reason}: said on the app's console and kept for {@code status}. */
    private void waitingFor(String reason) {
        waiting = reason;
        feedback.warn("aiq-dev: " + reason);
    }

    /**
     * At attach: reads the config the command line names on a second thread, and throws the result away, while this
     * thread looks for providers and the reload thread replays the app's: the agent's own read of it, next on the
     * reload thread, then finds the YAML reader's classes loaded (and the control plane the writer of its replies).
     * A head start only, silent whatever happens.
     */
    private void warmUpReader() {
        AgentOptions o = options;
        Thread thread = new Thread(() -> {
            try {
                Path file = o.config() != null ? o.config() : CommandLine.ofThisProcess().configFile();
                if (file != null) {
                    YamlReader.withRoot(o.root()).read(file.toAbsolutePath());
                }
                // and what the control plane's first reply, the CLI's confirmation, is written with
                WireJson.write(WireRecords.encode(new JvmStatus(false, 0, List.of(), List.of(), List.of())));
            } catch (Throwable ignored) {
                // the real read reports whatever is wrong with the file
            }
        }, "aiq-dev-warm-up");
        thread.setDaemon(true);
        thread.start();
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
                problem("aiq-dev: the control socket could not start (the CLI cannot reach this JVM): " + t.getMessage());
            }
        }
    }

    private void installShutdownHook() {
        synchronized (this) {
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
    }

    /** agent-api's DevMode classes loaded before the agent came: tell them the bridge is here. */
    private void connectDevModeClasses() {
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.getName().equals("dev.aiq.api.DevMode") || c.getName().equals("dev.aiq.api.Plugins")) {
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
            if (sessions.all().isEmpty()) {
                adoptRunningProviders();
                return;
            }
            for (ConfigSession session : sessions.all()) {
                session.optionsChanged(old, newOptions);
            }
        });
    }

    private void reportOptionProblems(AgentOptions o) {
        for (String problem : o.problems()) {
            problem(problem);
        }
    }

    // ---- SessionContext -------------------------------------------------------------------------------------------

    @Override
    public AgentOptions options() {
        return options;
    }

    @Override
    public Feedback feedback() {
        return feedback;
    }

    @Override
    public String codeFingerprint() {
        return plugins.fingerprint();
    }

    @Override
    public PluginStatus plugins() {
        return plugins.status();
    }

    @Override
    public boolean attached() {
        return attached;
    }

    @Override
    public void pipelineStarted(ConfigSession session) {
        startControl();
        installShutdownHook();
    }

    /** The reload thread, started at first use. */
    @Override
    public synchronized ScheduledExecutorService worker() {
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

    /** The one sink for the agent's own problems: printed once each, and kept (the last few) for {@code status}. */
    @Override
    public void problem(String line) {
        if (problemsShown.add(line)) {
            feedback.warn(line);
            problems.add(line);
            while (problems.size() > PROBLEMS_KEPT) {
                problems.remove(0);
            }
        }
    }

    // ---- DevModeControl -----------------------------------------------------------------------------------------

    @Override
    public JvmStatus status() {
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
        List<ConfigStatus> configs = new ArrayList<>();
        boolean active = false;
        for (ConfigSession s : sessions.all()) {
            ConfigStatus status = s.status();
            configs.add(status);
            active |= status.active();
        }
        List<String> shown = new ArrayList<>(problems);
        ControlPlane plane = control;
        String planeFailure = plane == null ? System.getProperty(ControlPlane.FAILURE_PROPERTY) : plane.failure();
        if (planeFailure != null) {
            shown.add("aiq-dev: the control socket is not serving: " + planeFailure);
        }
        boolean live = active && !closed;
        String why = live ? null : closed ? "dev mode has been detached" : waiting;
        return new JvmStatus(live, ProcessHandle.current().pid(), providers, configs, shown, why);
    }

    @Override
    public List<ConfigControl> configs() {
        return List.copyOf(sessions.all());
    }

    @Override
    public void onConfigAdded(Consumer<ConfigControl> listener) {
        sessions.onAdded(listener::accept);
    }

    @Override
    public void onOutcome(BiConsumer<ConfigControl, ReloadOutcome> listener) {
        outcomeListeners.add(listener);
    }

    @Override
    public void outcome(ConfigSession session, ReloadOutcome outcome) {
        for (BiConsumer<ConfigControl, ReloadOutcome> listener : outcomeListeners) {
            try {
                listener.accept(session, outcome);
            } catch (RuntimeException e) {
                problem("aiq-dev: an outcome listener failed: " + e);
            }
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
        sessions.close(detaching);
        plugins.close();
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
        ControlPlane plane = control;
        if (detaching && plane != null) {
            // followers hear of the detach; when the JVM ends they see the connection close
            plane.sayDetached();
        }
        closeQuietly(plane);
        Diagnostics.to(null);
        synchronized (LOCK) {
            if (current == this) {
                current = null;
            }
        }
        if (detaching) {
            feedback.note("aiq-dev: detached; the app keeps its live configuration (generation " + DevModeBridge.generation() + ")");
        }
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

    /** The instrumenter, once installed (a class, not a lambda: it is made in premain). */
    private final class InstrumenterRef implements Supplier<Instrumenter> {
        @Override
        public Instrumenter get() {
            return instrumenter;
        }
    }

    /** Prints the transformer's problems once each (a class, not a lambda: it is made in premain). */
    private final class ProblemPrinter implements Consumer<String> {
        @Override
        public void accept(String line) {
            problem(line);
        }
    }
}
