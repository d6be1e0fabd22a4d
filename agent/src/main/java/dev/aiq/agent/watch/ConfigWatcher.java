package dev.aiq.agent.watch;

import dev.aiq.agent.console.AgentLog;
import dev.aiq.agent.console.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The config watcher: watches the config files and tells a {@link WatchSink} about real content changes only.
 * Internal.
 *
 * <p>File events come first: a JDK {@code WatchService} on every directory the files live in and on every directory
 * of their symlink chains (thread {@code aiq-dev-watch}). A Commons IO polling net catches what events miss (thread
 * {@code aiq-dev-poll}). Either one only triggers a check: the chains are resolved again, directories re-registered
 * where they changed, and the SHA-256 of each file's content compared with the last one seen, so touches, duplicate
 * events and both sources together report a change once. A watched directory that is deleted is watched from its
 * nearest existing ancestor until it comes back. Thread-safe.
 *
 * <pre>{@code
 * ConfigWatcher watcher = new ConfigWatcher(new WatchSettings(true, Duration.ofSeconds(2)), sink);
 * watcher.watch(result.files());   // again after every reload: the include set may change
 * ...
 * watcher.close();
 * }</pre>
 */
public final class ConfigWatcher implements AutoCloseable {

    /** Plans made in a row while directories keep appearing or vanishing; the events of the last one follow. */
    private static final int MAX_PLANS = 10;

    private final WatchSettings settings;
    private final WatchSink sink;
    private final AtomicLong contentChecks = new AtomicLong();
    private final Object lock = new Object();
    /** The fields below are guarded by {@link #lock}. */
    private List<Path> files = List.of();
    private List<WatchedFile> watched = List.of();
    private WatchPlan plan = WatchPlan.EMPTY;
    private EventSource events;
    private PollingNet net;
    private boolean started;
    private boolean closed;

    /**
     * Creates a watcher that watches nothing and starts no thread until {@link #watch}.
     *
     * @param settings whether to use file events, and the polling interval ({@link Duration#ZERO} = no polling)
     * @param sink     told about changes, see {@link WatchSink} for the threads and the rules
     */
    public ConfigWatcher(WatchSettings settings, WatchSink sink) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Sets the watched files (the config, its includes, extra files), starting the threads on the first call.
     * Files new to the watcher get a content baseline now and are reported only when they differ from it (a file
     * missing now is reported when it appears); files already watched keep the content last seen, so a change made
     * while the caller was reloading is still reported. Idempotent; call it again after every reload.
     *
     * @param files absolute or relative paths, as the caller wants them passed back to the sink
     * @throws IllegalStateException after {@link #close}
     */
    public void watch(Collection<Path> files) {
        List<Path> given = List.copyOf(files);
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the config watcher is closed");
            }
            Map<Path, WatchedFile> known = new HashMap<>();
            for (WatchedFile file : watched) {
                known.put(file.path, file);
            }
            Map<Path, WatchedFile> next = new LinkedHashMap<>();
            for (Path path : given) {
                Path absolute = path.toAbsolutePath().normalize();
                WatchedFile previous = known.get(absolute);
                next.putIfAbsent(absolute, previous == null
                        ? WatchedFile.baseline(path, absolute)
                        : previous.namedAs(path));
            }
            this.files = given;
            this.watched = List.copyOf(next.values());
            startOnce();
            refresh();
        }
    }

    /**
     * What {@code file} held when the watcher last read it (after the change it last reported), or null when it is
     * not watched or has not been read yet. The reload engine parses these very bytes instead of reading the file
     * again.
     */
    public FileState state(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        synchronized (lock) {
            for (WatchedFile w : watched) {
                if (w.path.equals(absolute)) {
                    return w.state;
                }
            }
        }
        return null;
    }

    /** The files given to the last {@link #watch} call, as given. */
    public List<Path> watchedFiles() {
        synchronized (lock) {
            return files;
        }
    }

    /** Every directory registered for events and polling right now: for status output and tests. */
    public Set<Path> watchedDirectories() {
        synchronized (lock) {
            return plan.directories();
        }
    }

    /**
     * Checks everything now, as after a lost event ({@code OVERFLOW}): resolves the symlink chains again,
     * re-registers directories, and compares every file's content with the last one seen.
     */
    public void rescan() {
        refresh();
    }

    /** Stops the threads and closes the watch service and the polling monitor; idempotent. */
    @Override
    public void close() {
        EventSource closingEvents;
        PollingNet closingNet;
        synchronized (lock) {
            closed = true;
            closingEvents = events;
            closingNet = net;
            events = null;
            net = null;
        }
        // Outside the lock: the threads may be waiting for it to finish their last check.
        if (closingEvents != null) {
            closingEvents.close();
        }
        if (closingNet != null) {
            closingNet.close();
        }
    }

    /** Content checks done so far (one per watched file per check): for tests. */
    long contentChecks() {
        return contentChecks.get();
    }

    /** File events ignored because they named no watched entry: for tests. */
    long ignoredEvents() {
        EventSource source = eventSource();
        return source == null ? 0 : source.ignoredEvents();
    }

    /** Event registrations that overflowed and forced a full check: for tests. */
    long overflows() {
        EventSource source = eventSource();
        return source == null ? 0 : source.overflows();
    }

    /** Polling rounds completed, one per directory per interval: for tests. */
    long pollRounds() {
        PollingNet polling;
        synchronized (lock) {
            polling = net;
        }
        return polling == null ? 0 : polling.rounds();
    }

    private EventSource eventSource() {
        synchronized (lock) {
            return events;
        }
    }

    private void startOnce() {
        if (started) {
            return;
        }
        started = true;
        if (settings.events()) {
            try {
                events = new EventSource(this::refresh);
            } catch (IOException | RuntimeException e) {
                Diagnostics.report("aiq-dev: file events are not available (" + e + "); "
                        + (isOn(settings.poll()) ? "relying on polling" : "set poll= to notice changes"));
            }
        }
        if (isOn(settings.poll())) {
            try {
                net = new PollingNet(settings.poll(), this::refresh);
            } catch (Exception e) {
                Diagnostics.report("aiq-dev: the polling net could not start: " + e);
            }
        }
    }

    private static boolean isOn(Duration interval) {
        return interval != null && !interval.isNegative() && !interval.isZero();
    }

    private void refresh() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            follow();
            for (WatchedFile file : watched) {
                check(file);
            }
        }
    }

    /**
     * Plans the directories as the links are now and registers them; before hashing, so nothing slips between. A
     * directory created while the plan was being registered ({@code mkdir -p a/b} then a write, under an ancestor
     * watched because {@code a} was gone) was in no plan and gave no event, since its parent was not registered yet:
     * so the plan is made again until it holds still.
     */
    private void follow() {
        List<Path> paths = watched.stream().map(file -> file.path).toList();
        for (int attempt = 1; ; attempt++) {
            plan = WatchPlan.of(paths);
            boolean complete = events == null || events.follow(plan);
            if (net != null) {
                net.follow(plan);
            }
            complete = complete && (events == null || WatchPlan.of(paths).equals(plan));
            if (complete || attempt == MAX_PLANS) {
                return;
            }
        }
    }

    private void check(WatchedFile file) {
        contentChecks.incrementAndGet();
        FileState content;
        try {
            content = FileState.read(file.path);
            file.failedReads = 0;
        } catch (IOException e) {
            if (++file.failedReads == 1) {
                return; // most likely being replaced right now: the event that follows checks again
            }
            content = FileState.missing(file.path);
        }
        file.state = content;
        if (!content.hasContent()) {
            // gone, unreadable, or empty: an empty file is what an in-place save looks like between truncate and
            // write, so it is no new content; the sink decides whether it lasts long enough to mention
            if (!file.missing) {
                file.missing = true;
                tell(sink::missing, file);
            }
            return;
        }
        file.missing = false;
        if (!content.sha256().equals(file.hash)) {
            // a file that comes back as it was is no change: the live config already is that content
            file.hash = content.sha256();
            tell(sink::changed, file);
        } else {
            AgentLog.debug("{}: same content as last seen (sha256 {}); no reload", file.given,
                    content.sha256().substring(0, Math.min(12, content.sha256().length())));
        }
    }

    private static void tell(Consumer<Path> call, WatchedFile file) {
        try {
            call.accept(file.given);
        } catch (Throwable t) {
            Diagnostics.report("aiq-dev: reporting a change of " + file.given + " failed: " + t);
        }
    }

    /** What the watcher last saw of one file; guarded by the watcher's lock. */
    private static final class WatchedFile {

        private final Path given;
        private final Path path;
        private String hash;
        private FileState state;
        private boolean missing;
        private int failedReads;

        private WatchedFile(Path given, Path path) {
            this.given = given;
            this.path = path;
        }

        static WatchedFile baseline(Path given, Path path) {
            WatchedFile file = new WatchedFile(given, path);
            try {
                FileState content = FileState.read(path);
                file.state = content;
                file.hash = content.sha256();
                file.missing = !content.hasContent();
            } catch (IOException e) {
                // Unknown for now: the first check that reads it reports it as changed.
            }
            return file;
        }

        WatchedFile namedAs(Path newGiven) {
            if (newGiven.equals(given)) {
                return this;
            }
            WatchedFile file = new WatchedFile(newGiven, path);
            file.hash = hash;
            file.state = state;
            file.missing = missing;
            file.failedReads = failedReads;
            return file;
        }
    }
}
