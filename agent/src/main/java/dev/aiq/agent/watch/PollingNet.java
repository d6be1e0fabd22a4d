package dev.aiq.agent.watch;

import dev.aiq.agent.console.Diagnostics;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.io.monitor.FileAlterationListenerAdaptor;
import org.apache.commons.io.monitor.FileAlterationMonitor;
import org.apache.commons.io.monitor.FileAlterationObserver;

/**
 * The polling side of {@link ConfigWatcher}: a Commons IO {@link FileAlterationMonitor} on one daemon thread,
 * {@code aiq-dev-poll}, with one observer per planned directory that lists only the planned names, for what file
 * events miss (NFS, container bind mounts, a lost {@code OVERFLOW}). Calls back after every round that saw a change
 * (the content hash decides whether it was one; a save caught half-done is seen again, complete, a round later).
 * Internal.
 */
final class PollingNet implements AutoCloseable {

    private final FileAlterationMonitor monitor;
    private final Runnable onChange;
    /** Observers by directory; guarded by this. */
    private final Map<Path, FileAlterationObserver> observers = new HashMap<>();
    private final AtomicLong rounds = new AtomicLong();
    /** Directories that could not be observed and were reported: once is enough. Guarded by this. */
    private final Set<Path> reported = new HashSet<>();
    private volatile WatchPlan plan = WatchPlan.EMPTY;
    private volatile Thread pollThread;

    /** Starts polling every {@code interval}, observing nothing yet; what {@code onChange} throws is reported. */
    PollingNet(Duration interval, Runnable onChange) throws Exception {
        this.onChange = onChange;
        this.monitor = new FileAlterationMonitor(Math.max(1, interval.toMillis()));
        monitor.setThreadFactory(task -> {
            Thread thread = new Thread(task, "aiq-dev-poll");
            thread.setDaemon(true);
            pollThread = thread;
            return thread;
        });
        monitor.start();
    }

    /** Observes every directory of {@code next} and drops the observers it no longer names. */
    synchronized void follow(WatchPlan next) {
        plan = next;
        for (Iterator<Map.Entry<Path, FileAlterationObserver>> it = observers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Path, FileAlterationObserver> entry = it.next();
            if (!next.names().containsKey(entry.getKey())) {
                monitor.removeObserver(entry.getValue());
                it.remove();
            }
        }
        for (Path directory : next.directories()) {
            if (!observers.containsKey(directory)) {
                observe(directory);
            }
        }
    }

    /** The directories observed right now. */
    synchronized Set<Path> directories() {
        return Set.copyOf(observers.keySet());
    }

    /** Observer rounds completed, one per directory per interval. */
    long rounds() {
        return rounds.get();
    }

    /** Stops the monitor thread and waits for it briefly. */
    @Override
    public void close() {
        try {
            // stop() joins the thread for the given time, which would be pointless from the thread itself.
            monitor.stop(Thread.currentThread() == pollThread ? 1 : 5_000);
        } catch (Exception e) {
            Diagnostics.report("aiq-dev: stopping the polling net failed: " + e);
        }
    }

    private void observe(Path directory) {
        try {
            // The filter sees this directory's entries (and those of subdirectories it recurses into, such as a
            // ConfigMap's ..data): only planned names are listed and compared.
            FileAlterationObserver observer = FileAlterationObserver.builder()
                    .setFile(directory.toFile())
                    .setFileFilter(file -> plan.isRelevant(directory, file.getName()))
                    .get();
            observer.addListener(new RoundListener(directory.toFile()));
            observer.initialize();
            monitor.addObserver(observer);
            observers.put(directory, observer);
        } catch (Exception e) {
            if (reported.add(directory)) {
                Diagnostics.report("aiq-dev: cannot poll " + directory + " for changes: " + e);
            }
        }
    }

    /** Notes whether a round saw a change and calls back at its end; never throws (PITFALLS). */
    private final class RoundListener extends FileAlterationListenerAdaptor {

        private final File directory;
        /** An observer reports nothing when its now empty directory goes: we notice, to plan from the ancestor. */
        private boolean directoryExisted;
        private boolean sawChange;

        RoundListener(File directory) {
            this.directory = directory;
            this.directoryExisted = directory.isDirectory();
        }

        @Override
        public void onFileCreate(File file) {
            sawChange = true;
        }

        @Override
        public void onFileChange(File file) {
            sawChange = true;
        }

        @Override
        public void onFileDelete(File file) {
            sawChange = true;
        }

        @Override
        public void onDirectoryCreate(File directory) {
            sawChange = true;
        }

        @Override
        public void onDirectoryChange(File directory) {
            sawChange = true;
        }

        @Override
        public void onDirectoryDelete(File directory) {
            sawChange = true;
        }

        @Override
        public void onStop(FileAlterationObserver observer) {
            try {
                boolean directoryExists = directory.isDirectory();
                // a planned directory that does not exist (any more) always asks for a new plan, from its ancestor:
                // it may have gone while the tree was being deleted, after this observer was made
                boolean changed = sawChange || directoryExists != directoryExisted || !directoryExists;
                directoryExisted = directoryExists;
                sawChange = false;
                if (changed) {
                    onChange.run();
                }
            } catch (Throwable t) {
                // One exception escaping a listener silently ends the monitor thread: never let it.
                Diagnostics.report("aiq-dev: the polling net hit a problem and carries on: " + t);
            } finally {
                rounds.incrementAndGet();
            }
        }
    }
}
