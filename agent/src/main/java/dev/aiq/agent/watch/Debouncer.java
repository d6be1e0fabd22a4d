package dev.aiq.agent.watch;

import dev.aiq.agent.console.Diagnostics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A quiet-period debouncer: coalesces signals into one run of an action, and never drops the last one. Internal.
 *
 * <p>Each {@link #signal} restarts the quiet period; when it has passed without another signal, the action runs on
 * the given executor with every path signalled since its previous run, in signalling order. Given a
 * single-threaded executor (as in production), a signal that arrives while the action runs schedules a second run
 * after it: a change that lands during a reload is queued, never lost. Thread-safe.
 */
public final class Debouncer implements AutoCloseable {

    private final ScheduledExecutorService executor;
    private final long quietNanos;
    private final Consumer<Set<Path>> action;
    private final Object lock = new Object();
    private Set<Path> pending = new LinkedHashSet<>();
    private ScheduledFuture<?> scheduled;
    /** Identifies the latest scheduled run: an older run that started despite its cancellation does nothing. */
    private long generation;
    private boolean closed;

    /**
     * Creates a debouncer that schedules nothing until the first signal.
     *
     * @param executor runs the action; not shut down by {@link #close}
     * @param quiet    how long no signal must arrive before the action runs; {@link Duration#ZERO} runs it as soon
     *                 as the executor can
     * @param action   receives an unmodifiable, non-empty set of the paths signalled; exceptions it throws are
     *                 reported to {@code Diagnostics} in one line
     */
    public Debouncer(ScheduledExecutorService executor, Duration quiet, Consumer<Set<Path>> action) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.quietNanos = Math.max(0, Objects.requireNonNull(quiet, "quiet").toNanos());
        this.action = Objects.requireNonNull(action, "action");
    }

    /** Adds {@code changed} to the paths of the next run and (re)starts the quiet period. Ignored after close. */
    public void signal(Path changed) {
        Objects.requireNonNull(changed, "changed");
        synchronized (lock) {
            if (closed) {
                return;
            }
            pending.add(changed);
            if (scheduled != null) {
                scheduled.cancel(false);
            }
            long run = ++generation;
            try {
                scheduled = executor.schedule(() -> runIfLatest(run), quietNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                scheduled = null;
                Diagnostics.report("aiq-dev: change of " + changed + " not scheduled: the executor is shut down");
            }
        }
    }

    /** Cancels a pending run and ignores later signals; a run already started finishes. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            pending.clear();
            if (scheduled != null) {
                scheduled.cancel(false);
                scheduled = null;
            }
        }
    }

    private void runIfLatest(long run) {
        Set<Path> batch;
        synchronized (lock) {
            if (run != generation || closed || pending.isEmpty()) {
                return;
            }
            batch = Collections.unmodifiableSet(pending);
            pending = new LinkedHashSet<>();
            scheduled = null;
        }
        try {
            action.accept(batch);
        } catch (Throwable t) {
            Diagnostics.report("aiq-dev: handling the change of " + batch + " failed: " + t);
        }
    }
}
