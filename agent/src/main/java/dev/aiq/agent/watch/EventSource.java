package dev.aiq.agent.watch;

import dev.aiq.agent.console.AgentLog;
import dev.aiq.agent.console.Diagnostics;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The event side of {@link ConfigWatcher}: a JDK {@link WatchService} with one registration per planned directory
 * and one daemon thread, {@code aiq-dev-watch}, that calls back once per burst of relevant events. Internal.
 *
 * <p>Relevant: an event naming a planned entry, an {@code OVERFLOW}, or a registered directory that went away.
 * Everything else (a log file written next to the config) is counted and ignored.
 */
final class EventSource implements AutoCloseable {

    /** How many names of ignored files the debug log names, each once. */
    private static final int IGNORED_NAMES_SAID = 256;

    private final WatchService service;
    private final Runnable onChange;
    private final Thread thread;
    /** Registrations by directory; guarded by this. */
    private final Map<Path, WatchKey> keys = new HashMap<>();
    private final AtomicLong ignoredEvents = new AtomicLong();
    private final AtomicLong overflows = new AtomicLong();
    /** Directories that could not be registered and were reported: once is enough. Guarded by this. */
    private final Set<Path> reported = new HashSet<>();
    /** The files whose ignored events the debug log named (watcher thread); a null entry: the cap was said. */
    private final Set<Path> ignoredSaid = new HashSet<>();
    private volatile WatchPlan plan = WatchPlan.EMPTY;

    /** Opens the watch service and starts the thread, which reports what {@code onChange} throws and carries on. */
    EventSource(Runnable onChange) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.onChange = onChange;
        this.thread = new Thread(this::run, "aiq-dev-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Registers every directory of {@code next} and cancels the registrations it no longer names.
     *
     * @return false if a directory vanished before it could be registered: plan again
     */
    synchronized boolean follow(WatchPlan next) {
        plan = next;
        boolean complete = true;
        for (Iterator<Map.Entry<Path, WatchKey>> it = keys.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Path, WatchKey> entry = it.next();
            if (!next.names().containsKey(entry.getKey()) || !entry.getValue().isValid()) {
                entry.getValue().cancel();
                it.remove();
            }
        }
        for (Path directory : next.directories()) {
            if (!keys.containsKey(directory)) {
                complete &= register(directory);
            }
        }
        return complete;
    }

    /** The directories registered right now. */
    synchronized Set<Path> directories() {
        return Set.copyOf(keys.keySet());
    }

    /** Events seen and ignored because they named no watched entry. */
    long ignoredEvents() {
        return ignoredEvents.get();
    }

    /** Registrations that lost events ({@code OVERFLOW}) and forced a full check. */
    long overflows() {
        return overflows.get();
    }

    /** Closes the watch service, which ends the thread, and waits for it briefly. */
    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            Diagnostics.report("aiq-dev: closing the file watch service failed: " + e);
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean register(Path directory) {
        try {
            keys.put(directory, directory.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY));
            return true;
        } catch (ClosedWatchServiceException e) {
            return true;
        } catch (IOException e) {
            if (!Files.isDirectory(directory)) {
                return false;
            }
            // For example the inotify watch limit: say so once; the polling net may still cover it.
            if (reported.add(directory)) {
                Diagnostics.report("aiq-dev: cannot watch " + directory + " for changes: " + e
                        + " (the polling net, option poll=, still sees them)");
            }
            return true;
        }
    }

    private void run() {
        while (true) {
            try {
                awaitRelevantBurst();
                onChange.run();
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            } catch (Throwable t) {
                Diagnostics.report("aiq-dev: the file watcher hit a problem and carries on: " + t);
            }
        }
    }

    /**
     * Blocks until a relevant event arrived, then takes whatever else is already queued. No waiting for the save to
     * settle: a half-done save is checked like any other (the content hash tells), the engine ignores an empty file
     * and the debouncer downstream coalesces; waiting here would only add latency to every save.
     */
    private void awaitRelevantBurst() throws InterruptedException {
        while (!drain(service.take())) {
            // irrelevant: keep waiting
        }
        for (WatchKey queued; (queued = service.poll()) != null; ) {
            drain(queued);
        }
    }

    /**
     * Says once per name that its events are ignored: an app whose output goes to a file next to its config would
     * otherwise log an event for each line it logs about the last event, without end.
     */
    private void sayIgnoredOnce(Path directory, WatchEvent<?> event) {
        if (!AgentLog.debugEnabled() || ignoredSaid.size() > IGNORED_NAMES_SAID) {
            return;
        }
        if (ignoredSaid.size() == IGNORED_NAMES_SAID) {
            ignoredSaid.add(null);
            AgentLog.debug("file events of more names that no watched file has are ignored without a word");
        } else if (ignoredSaid.add(directory.resolve(event.context().toString()))) {
            AgentLog.debug("file event {} {} in {}: names no watched file; ignored (said once per name)",
                    event.kind().name(), event.context(), directory);
        }
    }

    /** Takes the key's events and re-arms it; true if any of them can change a watched file. */
    private boolean drain(WatchKey key) {
        Path directory = (Path) key.watchable();
        WatchPlan current = plan;
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                overflows.incrementAndGet();
                relevant = true;
                AgentLog.debug("file events overflowed in {}: every watched file is checked", directory);
            } else if (current.isRelevant(directory, event.context().toString())) {
                relevant = true;
                AgentLog.debug("file event {} {} in {}: may change a watched file; its content is checked",
                        event.kind().name(), event.context(), directory);
            } else {
                ignoredEvents.incrementAndGet();
                sayIgnoredOnce(directory, event);
            }
        }
        if (!key.reset() && current.names().containsKey(directory)) {
            // A planned directory was deleted or moved: plan again (from its ancestor) so we never go deaf.
            relevant = true;
        }
        return relevant;
    }
}
