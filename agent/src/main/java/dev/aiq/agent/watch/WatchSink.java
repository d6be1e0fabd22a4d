package dev.aiq.agent.watch;

import java.nio.file.Path;

/** STUB until the watch branch lands. */
public interface WatchSink {
    void changed(Path file);

    void missing(Path file);
}
