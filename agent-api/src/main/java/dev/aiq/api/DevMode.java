package dev.aiq.api;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The app's view of development mode: is it on, which config generation is live, and who applies a new config.
 *
 * <p>Without the aiq-dev agent every method is a cheap no-op: {@link #isActive()} is false, {@link #generation()} is
 * 0 and listeners are kept but never called. Listeners registered before the agent is attached to a running JVM take
 * effect once it is. This class never links to agent classes: it finds the agent's bootstrap bridge by name.
 */
public final class DevMode {

    /** The bootstrap bridge the agent defines; only {@code java.*} types cross it. */
    private static final String BRIDGE = "dev.aiq.bootstrap.DevModeBridge";

    private static final List<Registered<?>> REGISTERED = new CopyOnWriteArrayList<>();
    private static volatile Bridge bridge;

    static {
        agentAttached();
    }

    private DevMode() {
    }

    /**
     * Tells whether the aiq-dev agent is running in this JVM and watching the config.
     *
     * @return true in development mode
     */
    public static boolean isActive() {
        Bridge b = bridge;
        return b != null && b.active();
    }

    /**
     * Returns the generation of the live config: 1 for the config the app started with, one more for each change
     * applied since (including rollbacks). In an app with several configs, the generation of the one it called for
     * first; {@link ReloadEvent#generation()} is each config's own.
     *
     * @return the generation, or 0 without the agent
     */
    public static long generation() {
        Bridge b = bridge;
        return b == null ? 0 : b.generation();
    }

    /**
     * Registers a listener for every config change.
     *
     * @param listener called on the agent's reload thread; throwing vetoes the change
     * @param <T>      the config type
     * @return a handle whose {@code close()} unregisters the listener
     */
    public static <T> Registration onReload(ReloadListener<T> listener) {
        return register(null, null, listener);
    }

    /**
     * Registers a listener for changes of every config of one type (useful when an app has several providers, or one
     * provider called for several files: each file is a config of its own, and {@link ReloadEvent#configFile()} says
     * which one changed).
     *
     * @param type     the config type; configs of other types are not given to the listener
     * @param listener called on the agent's reload thread; throwing vetoes the change
     * @param <T>      the config type
     * @return a handle whose {@code close()} unregisters the listener
     */
    public static <T> Registration onReload(Class<T> type, ReloadListener<T> listener) {
        return register(Objects.requireNonNull(type, "type"), null, listener);
    }

    /**
     * Registers a listener for changes of one config only: the one whose root file is {@code configFile} (compared as
     * the same file, so a relative path or a symbolic link to it will do).
     *
     * @param type       the config type; configs of other types are not given to the listener
     * @param configFile the config's root file, as the app passes it to its provider
     * @param listener   called on the agent's reload thread; throwing vetoes the change
     * @param <T>        the config type
     * @return a handle whose {@code close()} unregisters the listener
     */
    public static <T> Registration onReload(Class<T> type, Path configFile, ReloadListener<T> listener) {
        return register(Objects.requireNonNull(type, "type"), Objects.requireNonNull(configFile, "configFile"), listener);
    }

    private static <T> Registration register(Class<T> type, Path configFile, ReloadListener<T> listener) {
        Registered<T> registered = new Registered<>(type, configFile, Objects.requireNonNull(listener, "listener"));
        synchronized (REGISTERED) {
            REGISTERED.add(registered);
            Bridge b = bridge;
            if (b != null) {
                b.add(registered);
            }
        }
        return () -> {
            synchronized (REGISTERED) {
                REGISTERED.remove(registered);
                Bridge b = bridge;
                if (b != null) {
                    b.remove(registered);
                }
            }
        };
    }

    /**
     * Connects to the agent's bridge if it is there. Runs when this class initialises and, reflectively, when the
     * agent is attached to a JVM where this class was already loaded. Idempotent.
     */
    static void agentAttached() {
        Bridge found = Bridge.find();
        if (found == null) {
            return;
        }
        synchronized (REGISTERED) {
            bridge = found;
            for (Registered<?> registered : REGISTERED) {
                found.add(registered);
            }
        }
    }

    /** A handle to one registered listener. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {

        /** Unregisters the listener; later calls do nothing. */
        @Override
        void close();
    }

    /**
     * One listener as the bridge sees it: a {@code Consumer} of {@code [previous, current, generation, changedPaths,
     * rollback, configFile]} that reports a veto as a {@link CompletionException} wrapping the listener's exception.
     */
    private static final class Registered<T> implements Consumer<Object[]> {
        private final Class<T> type;
        private final Path configFile;
        private final ReloadListener<T> listener;

        Registered(Class<T> type, Path configFile, ReloadListener<T> listener) {
            this.type = type;
            this.configFile = configFile == null ? null : configFile.toAbsolutePath().normalize();
            this.listener = listener;
        }

        /** Whether an event of the config at {@code changed} is for this listener. */
        private boolean wants(Object changed) {
            if (configFile == null) {
                return true;
            }
            if (!(changed instanceof Path file)) {
                return false;
            }
            if (file.equals(configFile)) {
                return true;
            }
            try {
                return Files.isSameFile(file, configFile);
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public void accept(Object[] change) {
            Object previous = change[0];
            Object current = change[1];
            Object changed = change.length > 5 ? change[5] : null;
            if (type != null && !(type.isInstance(current) && type.isInstance(previous)) || !wants(changed)) {
                return;
            }
            ReloadEvent<T> event = new ReloadEvent<>((T) previous, (T) current, (Long) change[2],
                    (Set<String>) change[3], (Boolean) change[4], changed instanceof Path file ? file : null);
            try {
                listener.apply(event);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }

        @Override
        public String toString() {
            return listener.getClass().getName();
        }
    }

    /** Method handles onto the bootstrap bridge's public static members. */
    private record Bridge(MethodHandle activeGetter, MethodHandle generationGetter, List<Consumer<Object[]>> listeners) {

        @SuppressWarnings("unchecked")
        static Bridge find() {
            try {
                Class<?> c = Class.forName(BRIDGE, false, null);
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                MethodHandle listenersGetter = lookup.findStaticGetter(c, "LISTENERS", List.class);
                return new Bridge(
                        lookup.findStatic(c, "isActive", MethodType.methodType(boolean.class)),
                        lookup.findStatic(c, "generation", MethodType.methodType(long.class)),
                        (List<Consumer<Object[]>>) listenersGetter.invoke());
            } catch (ClassNotFoundException | LinkageError notThere) {
                return null;
            } catch (Throwable unexpected) {
                return null;
            }
        }

        boolean active() {
            try {
                return (boolean) activeGetter.invokeExact();
            } catch (Throwable t) {
                return false;
            }
        }

        long generation() {
            try {
                return (long) generationGetter.invokeExact();
            } catch (Throwable t) {
                return 0;
            }
        }

        void add(Consumer<Object[]> listener) {
            if (!listeners.contains(listener)) {
                listeners.add(listener);
            }
        }

        void remove(Consumer<Object[]> listener) {
            listeners.remove(listener);
        }
    }
}
