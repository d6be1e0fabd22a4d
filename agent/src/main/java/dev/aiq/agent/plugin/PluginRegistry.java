package dev.aiq.agent.plugin;

import dev.aiq.agent.options.AgentOptions;
import dev.aiq.agent.protocol.PluginStatus;
import dev.aiq.agent.session.SessionContext;
import dev.aiq.agent.session.Sessions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The plugins locations of this JVM, and the agent's side of agent-api's {@code Plugins.load}: the bridge hands every
 * request to {@link #apply}, which builds (or, at attach, adopts) the first set and returns the live view; watching
 * starts shortly after on the reload thread. Internal.
 */
public final class PluginRegistry implements Function<Object[], Object> {

    /** Watching waits this long after a location is opened: the app is usually still starting then. */
    private static final long WATCH_DELAY_MILLIS = 300;

    private final SessionContext context;
    private final Sessions configs;
    private final List<PluginLocation> locations = new CopyOnWriteArrayList<>();
    private final List<PluginWatch> watches = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * Creates the registry; the runtime installs it as the bridge's plugin opener.
     *
     * @param context the runtime (options, reload thread, console)
     * @param configs the configs of the JVM, replayed against each new set
     */
    public PluginRegistry(SessionContext context, Sessions configs) {
        this.context = context;
        this.configs = configs;
    }

    /**
     * {@code [location, service, parent loader, current components or null, their loader or null]} to the live view,
     * or a one-line reason the first set could not be built.
     */
    @Override
    public synchronized Object apply(Object[] request) {
        try {
            Path location = (Path) request[0];
            Class<?> service = (Class<?>) request[1];
            ClassLoader parent = (ClassLoader) request[2];
            List<?> current = (List<?>) request[3];
            ClassLoader currentLoader = (ClassLoader) request[4];
            for (PluginLocation known : locations) {
                if (known.location().equals(location) && known.service() == service) {
                    return known.view();   // opened again, or handed over again by a second load of the agent
                }
            }
            PluginContent content = PluginContent.read(location);
            PluginGeneration first = current == null
                    ? PluginBuild.build(1, content, service, parent)
                    : new PluginGeneration(1, content.snapshot(), currentLoader, new ArrayList<>(current), null);
            PluginLocation opened = new PluginLocation(location, service, parent, first, context.feedback(),
                    configs::all);
            locations.add(opened);
            long delay = context.attached() ? 0 : WATCH_DELAY_MILLIS;
            context.worker().schedule(() -> watch(opened), delay, TimeUnit.MILLISECONDS);
            return opened.view();
        } catch (PluginBuild.Failure f) {
            return f.getMessage();
        } catch (IOException e) {
            return "cannot read the plugins location " + request[0] + ": " + e;
        } catch (Throwable t) {
            context.problem("aiq-dev: could not open plugins location " + request[0] + ": " + t);
            return null;   // agent-api loads the set once, as without the agent
        }
    }

    private void watch(PluginLocation opened) {
        if (closed) {
            return;
        }
        try {
            AgentOptions o = context.options();
            watches.add(new PluginWatch(opened.location(), context.worker(), o.delay(), o.poll(), o.events(),
                    opened::reloadIfChanged));
            context.feedback().note("Watching plugins: " + opened.location() + " (" + opened.service().getName()
                    + ", " + opened.live().components().size() + " component(s))");
        } catch (IOException | RuntimeException e) {
            context.problem("aiq-dev: cannot watch plugins location " + opened.location() + ": " + e);
        }
    }

    /** What configs are built with besides their files: every location's content as last looked at. */
    public String fingerprint() {
        if (locations.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("|plugins:");
        for (PluginLocation l : locations) {
            text.append(l.fingerprint());
        }
        return text.toString();
    }

    /** The first location's live set, or null when the app opened none. */
    public PluginStatus status() {
        return locations.isEmpty() ? null : locations.get(0).status();
    }

    /** How many replaced class loaders of every location are still reachable (for tests and benchmarks). */
    public int retiredAlive() {
        int alive = 0;
        for (PluginLocation l : locations) {
            alive += l.retiredAlive();
        }
        return alive;
    }

    /** Stops watching; the live sets stay what the app's views return. */
    public void close() {
        closed = true;
        for (PluginWatch w : watches) {
            w.close();
        }
    }
}
