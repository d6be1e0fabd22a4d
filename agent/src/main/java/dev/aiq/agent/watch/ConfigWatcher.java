package dev.aiq.agent.watch;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** STUB until the watch branch lands. */
public final class ConfigWatcher implements AutoCloseable {
    public ConfigWatcher(WatchSettings settings, WatchSink sink) {
    }

    public void watch(Collection<Path> files) {
    }

    public List<Path> watchedFiles() {
        return List.of();
    }

    public Set<Path> watchedDirectories() {
        return Set.of();
    }

    public void rescan() {
    }

    @Override
    public void close() {
    }
}
