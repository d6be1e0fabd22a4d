package dev.aiq.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.awaitility.core.ConditionFactory;

/**
 * A {@link ConfigWatcher} on real files with a {@link RecordingSink}, plus a sentinel file that is always watched
 * too: once a write to the sentinel has been reported, every change made before it has been checked, so a test can
 * assert that a second call did <em>not</em> come without sleeping.
 */
final class WatcherUnderTest implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    final RecordingSink sink;
    final ConfigWatcher watcher;
    private final Path sentinel;
    private int sentinelWrites;

    WatcherUnderTest(WatchMode mode, Path sentinelDirectory) {
        this(mode, sentinelDirectory, new RecordingSink());
    }

    WatcherUnderTest(WatchMode mode, Path sentinelDirectory, RecordingSink sink) {
        this.sink = sink;
        this.sentinel = sentinelDirectory.resolve("sentinel.txt");
        write(sentinel, "sentinel 0\n");
        this.watcher = new ConfigWatcher(mode.settings(), sink);
    }

    /** Awaitility with room for a loaded CI machine. */
    static ConditionFactory patiently() {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10));
    }

    /** Writes a file, creating its directory, in one call (truncate and write). */
    static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sentinel file, watched after the given files. */
    Path sentinel() {
        return sentinel;
    }

    /** Watches {@code files} and the sentinel, in that order. */
    void watch(Path... files) {
        List<Path> all = new ArrayList<>(Arrays.asList(files));
        all.add(sentinel);
        watcher.watch(all);
    }

    /**
     * Saves the sentinel (atomically, so it is one change) and waits for its report: from then on, every change made
     * before has been checked and reported.
     */
    void awaitAllChecked() {
        int expected = ++sentinelWrites;
        Path temp = sentinel.resolveSibling(".sentinel.tmp");
        write(temp, "sentinel " + expected + "\n");
        try {
            Files.move(temp, sentinel, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        patiently().untilAsserted(() -> assertThat(sink.changes(sentinel)).isEqualTo(expected));
    }

    /** Waits until {@code file} has been reported changed at least {@code count} times. */
    void awaitChanges(Path file, long count) {
        patiently().untilAsserted(() -> assertThat(sink.changes(file)).isGreaterThanOrEqualTo(count));
    }

    /** Waits until {@code file} has been reported missing at least {@code count} times. */
    void awaitMissing(Path file, long count) {
        patiently().untilAsserted(() -> assertThat(sink.misses(file)).isGreaterThanOrEqualTo(count));
    }

    @Override
    public void close() {
        watcher.close();
    }
}
