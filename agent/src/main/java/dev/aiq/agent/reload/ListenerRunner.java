package dev.aiq.agent.reload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs the app's reload listeners in order, each within a time limit, on a thread of their own so that a listener
 * that hangs cannot stall the reload thread. Internal.
 */
final class ListenerRunner implements AutoCloseable {

    /** The listener at {@code index} vetoed the change (or did not finish) for {@code reason}. */
    record Veto(int index, String listener, String reason) {
    }

    private final Supplier<List<Consumer<Object[]>>> listeners;
    private final Duration timeout;
    private final Path configFile;
    private ExecutorService executor = newExecutor();

    ListenerRunner(Supplier<List<Consumer<Object[]>>> listeners, Duration timeout, Path configFile) {
        this.listeners = listeners;
        this.timeout = timeout;
        this.configFile = configFile;
    }

    /** Snapshot of the listeners to run for one change. */
    List<Consumer<Object[]>> snapshot() {
        return List.copyOf(listeners.get());
    }

    /**
     * Applies a change to {@code chosen} in order; stops at the first veto.
     *
     * @return the veto, or null when every listener accepted
     */
    Veto apply(List<Consumer<Object[]>> chosen, Object previous, Object current, long generation, Set<String> paths,
               boolean rollback) {
        Object[] change = {previous, current, generation, paths, rollback, configFile};
        for (int i = 0; i < chosen.size(); i++) {
            Consumer<Object[]> listener = chosen.get(i);
            String reason = run(listener, change);
            if (reason != null) {
                return new Veto(i, String.valueOf(listener), reason);
            }
        }
        return null;
    }

    private String run(Consumer<Object[]> listener, Object[] change) {
        Future<?> done = executor.submit(() -> listener.accept(change.clone()));
        try {
            done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            return "reload listener " + listener + " rejected the change: " + Validators.describe(cause);
        } catch (TimeoutException e) {
            // the stuck thread is abandoned (it is a daemon); later listeners get a fresh one
            done.cancel(true);
            executor.shutdownNow();
            executor = newExecutor();
            return "reload listener " + listener + " did not finish within " + timeout.toMillis() / 1000.0 + " s";
        } catch (InterruptedException e) {
            // the change is vetoed, so the listener must not go on applying it
            done.cancel(true);
            Thread.currentThread().interrupt();
            return "interrupted while reload listener " + listener + " ran";
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static ExecutorService newExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "aiq-dev-listener");
            t.setDaemon(true);
            return t;
        });
    }
}
