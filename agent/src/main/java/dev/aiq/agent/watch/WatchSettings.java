package dev.aiq.agent.watch;

import java.time.Duration;

/**
 * How to watch. Internal.
 *
 * @param events whether to use the JDK WatchService (inotify on Linux); off only for file systems that give no events
 * @param poll   interval of the polling net (Commons IO {@code FileAlterationMonitor}); {@code Duration.ZERO} = off
 */
public record WatchSettings(boolean events, Duration poll) {
}
