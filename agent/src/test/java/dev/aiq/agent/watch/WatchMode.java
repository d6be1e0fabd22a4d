package dev.aiq.agent.watch;

import java.time.Duration;

/** The ways the watcher can notice changes; every behaviour test runs with each. */
enum WatchMode {
    /** File events only, as on a local disk with the default options. */
    EVENTS(new WatchSettings(true, Duration.ZERO)),
    /** The polling net only, as with {@code events=false} on NFS or a bind mount, at a test-friendly interval. */
    POLLING(new WatchSettings(false, Duration.ofMillis(100))),
    /** Both, as by default: the content hash must keep them from reporting one save twice. */
    BOTH(new WatchSettings(true, Duration.ofMillis(100)));

    private final WatchSettings settings;

    WatchMode(WatchSettings settings) {
        this.settings = settings;
    }

    WatchSettings settings() {
        return settings;
    }
}
