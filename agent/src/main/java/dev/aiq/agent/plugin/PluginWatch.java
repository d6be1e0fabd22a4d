package dev.aiq.agent.plugin;

import dev.aiq.agent.console.AgentLog;
import dev.aiq.agent.watch.Debouncer;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches a plugins location: file events on the location and every directory under it (thread
 * {@code aiq-dev-plugins}), and a polling net on the reload thread that compares names, sizes and times; either one
 * signals a {@link Debouncer}, whose run compares content hashes and decides. Internal.
 */
final class PluginWatch implements AutoCloseable {

    private final Path location;
    private final Debouncer debouncer;
    private final WatchService events;
    private final Set<Path> registered = new HashSet<>();
    private final ScheduledFuture<?> polling;
    private volatile String lastStamp;
    private volatile boolean closed;

    PluginWatch(Path location, ScheduledExecutorService worker, Duration quiet, Duration poll, boolean useEvents,
                Runnable changed) throws IOException {
        this.location = location;
        this.debouncer = new Debouncer(worker, quiet, paths -> changed.run());
        this.lastStamp = stamp();
        this.events = useEvents ? FileSystems.getDefault().newWatchService() : null;
        if (events != null) {
            register();
            Thread thread = new Thread(this::deliver, "aiq-dev-plugins");
            thread.setDaemon(true);
            thread.start();
        }
        long pollMillis = poll.isZero() ? 0 : Math.max(100, poll.toMillis());
        this.polling = pollMillis == 0 ? null
                : worker.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    private void deliver() {
        try {
            while (!closed) {
                WatchKey key = events.take();
                key.pollEvents();
                key.reset();
                register();
                debouncer.signal(location);
            }
        } catch (InterruptedException | ClosedWatchServiceException stopping) {
            // closed
        } catch (Throwable t) {
            AgentLog.debug("plugin watch of {} stopped: {}; the polling net goes on", location, t);
        }
    }

    /** Registers the location (or its nearest existing ancestor) and every directory under it not registered yet. */
    private synchronized void register() {
        Path root = location;
        while (root != null && !Files.isDirectory(root)) {
            root = root.getParent();
        }
        if (root == null) {
            return;
        }
        try (Stream<Path> dirs = root.equals(location) ? Files.walk(root) : Stream.of(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                if (registered.add(dir)) {
                    dir.register(events, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                            StandardWatchEventKinds.ENTRY_MODIFY);
                }
            }
        } catch (IOException | RuntimeException e) {
            AgentLog.debug("plugin watch of {}: {}", location, e);
        }
    }

    private void poll() {
        String now = stamp();
        if (!now.equals(lastStamp)) {
            lastStamp = now;
            debouncer.signal(location);
        }
    }

    /** Names, sizes and modification times of everything in the location: cheap, and enough to notice a change. */
    private String stamp() {
        if (!Files.exists(location)) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        try (Stream<Path> walk = Files.walk(location)) {
            for (Path p : walk.sorted().toList()) {
                text.append(p).append(':').append(Files.isRegularFile(p) ? Files.size(p) : -1).append(':')
                        .append(Files.getLastModifiedTime(p).toMillis()).append(';');
            }
        } catch (IOException | RuntimeException e) {
            text.append("unreadable");
        }
        return text.toString();
    }

    @Override
    public void close() {
        closed = true;
        if (polling != null) {
            polling.cancel(false);
        }
        debouncer.close();
        if (events != null) {
            try {
                events.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
        }
    }
}
