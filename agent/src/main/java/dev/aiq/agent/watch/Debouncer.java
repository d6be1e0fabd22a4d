package dev.aiq.agent.watch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/** STUB until the watch branch lands. */
public final class Debouncer implements AutoCloseable {
    public Debouncer(ScheduledExecutorService executor, Duration quiet, Consumer<Set<Path>> action) {
    }

    public void signal(Path changed) {
    }

    @Override
    public void close() {
    }
}
