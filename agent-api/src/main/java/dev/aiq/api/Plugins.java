package dev.aiq.api;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Plugin components from a plugins location: a directory whose jars ({@code *.jar}) and class directories (its
 * sub-directories) each add components, found with {@link ServiceLoader} for a service interface of the app's own.
 *
 * <pre>{@code
 * PluginSet<FunctionPlugin> plugins = Plugins.load(Path.of("plugins"), FunctionPlugin.class);
 * for (FunctionPlugin p : plugins.components()) { ... }   // ask again each time: the set is live
 * }</pre>
 *
 * <p>Without the aiq-dev agent this loads the location once, in a class loader over its jars and class directories
 * whose parent is the service interface's loader, as an app would by hand. Under the agent the location is watched
 * and the set reloads like a config: a new set is checked by replaying the app's config provider against it, and goes
 * live together with the config it produced, or not at all. This class never links to agent classes.
 */
public final class Plugins {

    /** The bootstrap bridge the agent defines; only {@code java.*} types cross it. */
    private static final String BRIDGE = "dev.aiq.bootstrap.DevModeBridge";

    /** Every set opened in this JVM, so that an agent attached later can take them over. */
    private static final List<View<?>> OPENED = new CopyOnWriteArrayList<>();

    private Plugins() {
    }

    /**
     * Loads the components that {@code location} provides for {@code service}.
     *
     * @param location a directory of jars and class directories, or one jar; a directory that does not exist (yet)
     *                 provides nothing
     * @param service  the service interface, as named in the jars' {@code META-INF/services}
     * @param <T>      the service interface
     * @return a live view of the components, never null
     * @throws PluginException when the location cannot give a first set (its message names the jar or class)
     */
    public static <T> PluginSet<T> load(Path location, Class<T> service) {
        Path absolute = Objects.requireNonNull(location, "location").toAbsolutePath().normalize();
        View<T> view = new View<>(absolute, Objects.requireNonNull(service, "service"));
        synchronized (OPENED) {
            Supplier<List<?>> agent = agentView(view, null, null);
            if (agent != null) {
                view.source = agent;
            } else {
                URLClassLoader loader = loaderOver(absolute, parentOf(service));
                List<?> components = loadOnce(loader, service);
                view.loader = loader;
                view.source = () -> components;
            }
            OPENED.add(view);
        }
        return view;
    }

    /**
     * The agent is here, attached to a JVM where sets were already loaded: each is handed over with what it holds,
     * which stays its first generation. Runs reflectively at attach (and at a second load of the agent, which answers
     * with the views it already has). Idempotent.
     */
    static void agentAttached() {
        synchronized (OPENED) {
            for (View<?> view : OPENED) {
                // also a set an earlier agent followed before it was detached: the agent knows the ones it follows
                Supplier<List<?>> agent = agentView(view, view.source.get(), view.loader);
                if (agent != null) {
                    view.source = agent;
                    view.loader = null;
                }
            }
        }
    }

    /**
     * Asks the agent for a live view: null when there is no agent (or it declines), and a {@link PluginException}
     * when it could not build the first set.
     */
    @SuppressWarnings("unchecked")
    private static Supplier<List<?>> agentView(View<?> view, List<?> current, URLClassLoader currentLoader) {
        Object answer;
        try {
            Class<?> bridge = Class.forName(BRIDGE, false, null);
            MethodHandle open = MethodHandles.publicLookup().findStatic(bridge, "openPlugins",
                    MethodType.methodType(Object.class, Object[].class));
            answer = open.invoke(new Object[] {view.location, view.service, parentOf(view.service), current,
                currentLoader});
        } catch (LinkageError | ReflectiveOperationException notThere) {
            return null;
        } catch (Throwable unexpected) {
            return null;
        }
        if (answer instanceof String refused) {
            throw new PluginException(refused, null);
        }
        return answer instanceof Supplier<?> s ? (Supplier<List<?>>) s : null;
    }

    private static ClassLoader parentOf(Class<?> service) {
        ClassLoader loader = service.getClassLoader();
        return loader != null ? loader : ClassLoader.getSystemClassLoader();
    }

    /** A class loader over the location's jars and class directories, in name order. */
    private static URLClassLoader loaderOver(Path location, ClassLoader parent) {
        List<URL> urls = new ArrayList<>();
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> entries = Files.list(location)) {
                    for (Path entry : entries.sorted().toList()) {
                        if (Files.isDirectory(entry) || entry.getFileName().toString().endsWith(".jar")) {
                            urls.add(entry.toUri().toURL());
                        }
                    }
                }
            } else if (Files.isRegularFile(location)) {
                urls.add(location.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new PluginException(location + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new PluginException(location + ": cannot list the plugins location: " + e, e);
        }
        return new URLClassLoader("plugins " + location.getFileName(), urls.toArray(URL[]::new), parent);
    }

    private static <T> List<T> loadOnce(URLClassLoader loader, Class<T> service) {
        List<T> components = new ArrayList<>();
        try {
            for (T component : ServiceLoader.load(service, loader)) {
                components.add(component);
            }
        } catch (ServiceConfigurationError e) {
            Throwable cause = e.getCause();
            throw new PluginException(e.getMessage() + (cause == null ? "" : ": " + cause), e);
        }
        return List.copyOf(components);
    }

    /** The set as the app holds it: a view onto what the agent (or the one load) provides. */
    private static final class View<T> implements PluginSet<T> {
        private final Path location;
        private final Class<T> service;
        private volatile Supplier<List<?>> source;
        /** The loader of the set loaded without the agent; null once the agent holds the set. */
        private volatile URLClassLoader loader;

        View(Path location, Class<T> service) {
            this.location = location;
            this.service = service;
        }

        @Override
        public Path location() {
            return location;
        }

        @Override
        public Class<T> service() {
            return service;
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<T> components() {
            return (List<T>) source.get();
        }

        @Override
        public <S extends T> S get(Class<S> type) {
            for (T component : components()) {
                if (type.isInstance(component)) {
                    return type.cast(component);
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return "plugins " + location + " for " + service.getName() + ": " + components().size() + " component(s)";
        }
    }
}
