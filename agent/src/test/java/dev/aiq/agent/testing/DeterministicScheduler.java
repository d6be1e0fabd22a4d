package dev.aiq.agent.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A single-threaded {@link ScheduledExecutorService} whose clock moves only when the test calls {@link #advance}:
 * due tasks then run on the test's thread, in time order, one after the other (like the production executor).
 * Not thread-safe: for tests that drive everything from one thread.
 */
public final class DeterministicScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private long nanos;
    private long sequence;
    private boolean shutdown;

    /** Moves the clock forward by {@code duration}, running every task that falls due, including ones they add. */
    public void advance(Duration duration) {
        long target = nanos + duration.toNanos();
        for (Task<?> next = queue.peek(); next != null && next.time <= target; next = queue.peek()) {
            queue.poll();
            nanos = next.time;
            next.run();
        }
        nanos = target;
    }

    /** Runs what is due now without moving the clock. */
    public void runDueTasks() {
        advance(Duration.ZERO);
    }

    /** Tasks scheduled and neither run nor cancelled. */
    public int pendingTasks() {
        return queue.size();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return enqueue(Executors.callable(command, null), delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return enqueue(callable, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("not needed by the code under test");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not needed by the code under test");
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> never = new ArrayList<>(queue);
        queue.clear();
        return never;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && queue.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    private <V> ScheduledFuture<V> enqueue(Callable<V> callable, long delay, TimeUnit unit) {
        if (shutdown) {
            throw new RejectedExecutionException("shut down");
        }
        Task<V> task = new Task<>(callable, nanos + Math.max(0, unit.toNanos(delay)), sequence++);
        queue.add(task);
        return task;
    }

    /** A task due at a point of the fake clock; ties run in scheduling order. */
    private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {

        private final long time;
        private final long order;

        Task(Callable<V> callable, long time, long order) {
            super(callable);
            this.time = time;
            this.order = order;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(time - nanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Task<?> that = (Task<?>) other;
            int byTime = Long.compare(time, that.time);
            return byTime != 0 ? byTime : Long.compare(order, that.order);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            queue.remove(this);
            return super.cancel(mayInterruptIfRunning);
        }
    }
}
