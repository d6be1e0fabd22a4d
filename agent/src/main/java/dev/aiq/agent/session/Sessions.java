package dev.aiq.agent.session;

import dev.aiq.agent.instrument.Instrumenter;
import dev.aiq.agent.instrument.ProviderCall;
import dev.aiq.agent.instrument.ProviderSlot;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The configs of this JVM, one {@link ConfigSession} each, and the agent's side of the bridge: the bridge hands every
 * outermost provider call that ran its own code to {@link #accept} (a new identity becomes a config), and asks
 * {@link #apply} about outermost calls its hot path did not match (the same file named another way is the same
 * config). Both run on the app's threads: they only record and hand the pipeline over to the reload thread.
 * Internal.
 */
public final class Sessions implements Consumer<Object[]>, Function<Object[], Object> {

    /** How many argument forms of one config the hot path compares before the slow path answers the rest. */
    static final int FORMS_KEPT = 8;

    /**
     * How long after the JVM's first config the pipeline starts when the agent came with the JVM. The host is still
     * starting then, and the pipeline's first use of the YAML reader, the watcher, JSON and JMX would compete with it
     * for the CPU (PITFALLS: +80–210 ms of the host's start-up on 2 cores). At attach it starts at once.
     */
    private static final long START_UP_PIPELINE_DELAY_MILLIS = 300;

    private final SessionContext context;
    private final Supplier<Instrumenter> instrumenter;
    private final List<ConfigSession> sessions = new CopyOnWriteArrayList<>();
    private final List<Consumer<ConfigSession>> added = new CopyOnWriteArrayList<>();
    private volatile long firstCallNanos;
    private volatile boolean closed;

    Sessions(SessionContext context, Supplier<Instrumenter> instrumenter) {
        this.context = context;
        this.instrumenter = instrumenter;
    }

    /** Creates the registry; the runtime installs it as the bridge's recorder and resolver. */
    public static Sessions create(SessionContext context, Supplier<Instrumenter> instrumenter) {
        return new Sessions(context, instrumenter);
    }

    /** Every config so far, in the order the app first called for them. */
    public List<ConfigSession> all() {
        return List.copyOf(sessions);
    }

    /** Tells {@code listener} of every config that appears from now on. */
    public void onAdded(Consumer<ConfigSession> listener) {
        added.add(listener);
    }

    // ---- the bridge's recorder and resolver (app threads) --------------------------------------------------------

    /**
     * An outermost provider call ran its own code: {@code [slot, receiver, args, result, nested calls]}. A call
     * whose identity is new becomes a config (up to {@code max_configs}).
     */
    @Override
    public void accept(Object[] call) {
        try {
            int slotIndex = (Integer) call[0];
            Object receiver = call[1];
            Object[] args = (Object[]) call[2];
            Object result = call[3];
            @SuppressWarnings("unchecked")
            List<Object[]> nested = (List<Object[]>) call[4];
            if (closed || find(slotIndex, receiver, args) != null) {
                return;
            }
            ProviderSlot slot = instrumenter.get().slot(slotIndex);
            if (slot == null) {
                return;
            }
            if (result == null) {
                context.problem("aiq-dev: " + slot.displayName() + " returned null; waiting for a call that returns a config");
                return;
            }
            ConfigSession session;
            synchronized (this) {
                if (find(slotIndex, receiver, args) != null) {
                    return;
                }
                if (sessions.size() >= context.options().maxConfigs()) {
                    context.problem("aiq-dev: this JVM has " + sessions.size() + " configs, the most max_configs allows;"
                            + " later calls of " + slot.displayName() + " with other arguments run without dev mode");
                    return;
                }
                session = new ConfigSession(context, this, ConfigIdentity.of(slotIndex, receiver, args), slot,
                        ProviderCall.of(slot, receiver, args), sessions.isEmpty(), false);
                session.publishFirst(result);
                sessions.add(session);
            }
            List<Path> dependencies = ProviderCall.filesOf(nested);
            startSoon(session, result, dependencies);
        } catch (Throwable t) {
            context.problem("aiq-dev: could not record a call of the config provider: " + t);
        }
    }

    /**
     * An outermost call the hot path did not match: {@code [slot, receiver, args]}. When it is a known config after
     * all (its file named another way), returns the config's live value and remembers the new form; else null.
     */
    @Override
    public Object apply(Object[] call) {
        try {
            if (sessions.isEmpty()) {
                return null;
            }
            ConfigSession session = find((Integer) call[0], call[1], (Object[]) call[2]);
            if (session == null) {
                return null;
            }
            Object live = session.live();
            if (live != null) {
                session.addForm(call[1], (Object[]) call[2]);
            }
            return live;
        } catch (Throwable t) {
            return null;
        }
    }

    /**
     * At attach: a config the agent did not see being called, with arguments made up from the app's command line,
     * and what calling the provider with them returned, with the files its nested calls named (sub-configs).
     */
    public void adopt(ProviderSlot slot, ProviderCall call, Object result, List<Path> nested) {
        ConfigSession session;
        synchronized (this) {
            if (find(slot.slot(), null, call.args()) != null) {
                return;
            }
            session = new ConfigSession(context, this, ConfigIdentity.inferred(slot.slot(), call.args()), slot, call,
                    sessions.isEmpty(), true);
            session.publishFirst(result);
            sessions.add(session);
        }
        startSoon(session, result, nested);
    }

    private ConfigSession find(int slot, Object receiver, Object[] args) {
        for (ConfigSession s : sessions) {
            if (s.identity().matches(slot, receiver, args)) {
                return s;
            }
        }
        return null;
    }

    /**
     * Starts a session's pipeline on the reload thread, after the start-up delay when the agent came with the JVM.
     * A short-lived thread of its own waits out the delay, so the app's thread that made the call only starts one.
     */
    private void startSoon(ConfigSession session, Object result, List<Path> nested) {
        Set<Path> dependencies = new LinkedHashSet<>(nested);
        dependencies.remove(session.configFile());
        List<Path> deps = List.copyOf(dependencies);
        if (firstCallNanos == 0) {
            firstCallNanos = System.nanoTime();
        }
        long wait = context.attached() ? 0
                : START_UP_PIPELINE_DELAY_MILLIS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstCallNanos);
        Starter start = new Starter(session, result, deps, wait);
        if (wait <= 0) {
            // nothing to wait for: queued at once, so that what the caller queues next (at attach: the control
            // socket, which `aiq-dev attach` waits for) finds the session started
            start.run();
            return;
        }
        Thread starter = new Thread(start, "aiq-dev-start");
        starter.setDaemon(true);
        starter.start();
    }

    // ---- names ------------------------------------------------------------------------------------------------------

    /**
     * A short name that tells a config from the JVM's others: its file's name, or as many trailing path elements as
     * it takes to be unique.
     */
    String nameOf(ConfigSession session) {
        Path file = session.configFile();
        if (file == null) {
            return "config " + (sessions.indexOf(session) + 1);
        }
        for (int elements = 1; elements <= file.getNameCount(); elements++) {
            String name = tail(file, elements);
            boolean unique = true;
            for (ConfigSession other : sessions) {
                if (other != session && other.configFile() != null && tail(other.configFile(), elements).equals(name)) {
                    unique = false;
                    break;
                }
            }
            if (unique) {
                return name;
            }
        }
        return file.toString() + " #" + (sessions.indexOf(session) + 1);
    }

    /** The label console lines carry: none while the JVM has one config, so the toolkit's lines stay exact. */
    Supplier<String> labelOf(ConfigSession session) {
        return () -> sessions.size() > 1 ? nameOf(session) : null;
    }

    private static String tail(Path file, int elements) {
        int count = file.getNameCount();
        return file.subpath(Math.max(0, count - elements), count).toString();
    }

    /** Stops every session. */
    public void close(boolean detaching) {
        closed = true;
        for (ConfigSession s : sessions) {
            s.close(detaching);
        }
    }

    private final class Starter implements Runnable {
        private final ConfigSession session;
        private final Object result;
        private final List<Path> dependencies;
        private final long waitMillis;

        Starter(ConfigSession session, Object result, List<Path> dependencies, long waitMillis) {
            this.session = session;
            this.result = result;
            this.dependencies = dependencies;
            this.waitMillis = waitMillis;
        }

        @Override
        public void run() {
            try {
                if (waitMillis > 0) {
                    TimeUnit.MILLISECONDS.sleep(waitMillis);
                }
                if (!closed) {
                    context.worker().execute(() -> {
                        session.start(result, dependencies);
                        for (Consumer<ConfigSession> listener : added) {
                            try {
                                listener.accept(session);
                            } catch (Throwable t) {
                                context.problem("aiq-dev: " + t);
                            }
                        }
                    });
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                context.problem("aiq-dev: development mode could not start: " + t);
            }
        }
    }
}
