package dev.aiq.agent.watch;

import java.nio.file.Path;

/**
 * Where {@link ConfigWatcher} reports real content changes of the watched files. Internal.
 *
 * <p>Calls arrive on the watcher's threads (or on the thread calling {@link ConfigWatcher#watch} or
 * {@link ConfigWatcher#rescan}) while the watcher holds its lock, one at a time and in the order the watcher saw
 * the changes. An implementation returns quickly, typically by signalling a {@link Debouncer}; it must not wait for
 * work that calls back into the watcher. The path passed is the one given to {@link ConfigWatcher#watch}, never null.
 */
public interface WatchSink {

    /**
     * The content of a watched file differs from the last content the watcher saw (a file that comes back after
     * {@link #missing} with that same content is no change).
     */
    void changed(Path file);

    /**
     * A watched file disappeared, stopped being a readable regular file (deleted, replaced by a directory, a
     * dangling link), or is empty (an in-place save between truncate and write looks like that); called once, and
     * again only after the file came back.
     */
    void missing(Path file);
}
