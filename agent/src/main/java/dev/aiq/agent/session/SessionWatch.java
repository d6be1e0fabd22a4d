package dev.aiq.agent.session;

import dev.aiq.agent.console.AgentLog;
import dev.aiq.agent.options.AgentOptions;
import dev.aiq.agent.protocol.ReloadOutcome;
import dev.aiq.agent.reload.ReloadEngine;
import dev.aiq.agent.watch.ConfigWatcher;
import dev.aiq.agent.watch.Debouncer;
import dev.aiq.agent.watch.FileState;
import dev.aiq.agent.watch.WatchSettings;
import dev.aiq.agent.watch.WatchSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The watch → debounce part of one config's pipeline: a watcher over every file the config depends on and a
 * debouncer that hands each settled change to the config's engine on the reload thread. Restarted whole when the
 * quiet period or the polling changes. Internal.
 */
final class SessionWatch implements AutoCloseable {

    /** Vim, JetBrains and delete-then-create saves make a file vanish for a few milliseconds. */
    private static final long MISSING_GRACE_MILLIS = 250;

    private final SessionContext context;
    private final Path configFile;
    /** The config's engine, or null once the session is closed. */
    private final Supplier<ReloadEngine> engine;
    private final Supplier<String> name;
    private volatile ConfigWatcher watcher;
    private volatile Debouncer debouncer;

    SessionWatch(SessionContext context, Path configFile, Supplier<ReloadEngine> engine, Supplier<String> name) {
        this.context = context;
        this.configFile = configFile;
        this.engine = engine;
        this.name = name;
    }

    /** Watches {@code files} with the settings of {@code o}, replacing the watcher and debouncer there were. */
    void start(AgentOptions o, List<Path> files) {
        Debouncer newDebouncer = new Debouncer(context.worker(), o.delay(), changed -> {
            ReloadEngine e = engine.get();
            if (e != null) {
                ReloadOutcome outcome = e.fileChanged(changed);
                AgentLog.debug("reload after {}: {} {}, generation {} ({})", changed, outcome.kind(),
                        outcome.success() ? "ok" : "failed", outcome.generation(), name.get());
            }
        });
        ConfigWatcher newWatcher = new ConfigWatcher(new WatchSettings(o.events(), o.poll()), new WatchSink() {
            @Override
            public void changed(Path file) {
                AgentLog.debug("content of {} changed; quiet period {} s starts", file, AgentOptions.seconds(o.delay()));
                newDebouncer.signal(file);
            }

            @Override
            public void missing(Path file) {
                // say it is missing only if it still is a moment later (gone, or something not a file in its place)
                context.worker().schedule(() -> stillMissing(file, newDebouncer), MISSING_GRACE_MILLIS,
                        TimeUnit.MILLISECONDS);
            }
        });
        newWatcher.watch(files);
        Debouncer oldDebouncer = debouncer;
        ConfigWatcher oldWatcher = watcher;
        debouncer = newDebouncer;
        watcher = newWatcher;
        closeQuietly(oldWatcher);
        closeQuietly(oldDebouncer);
    }

    private void stillMissing(Path file, Debouncer signalled) {
        ReloadEngine e = engine.get();
        if (e == null || hasContent(file)) {
            return;
        }
        if (Files.isRegularFile(file)) {
            e.look("file change");   // an empty file: the engine says so once
        } else if (file.equals(configFile)) {
            e.fileMissing(file);
        } else {
            signalled.signal(file);           // a sub-config gone: the app's own read decides
        }
    }

    /** The engine's files changed (a new include, a new sub-config): the watcher follows. */
    void follow(List<Path> files) {
        ConfigWatcher w = watcher;
        if (w != null) {
            w.watch(files);
        }
    }

    /** What the watcher last read of {@code file}, or null. */
    FileState lastRead(Path file) {
        ConfigWatcher w = watcher;
        return w == null ? null : w.state(file);
    }

    /** The files watched now. */
    List<Path> watchedFiles() {
        ConfigWatcher w = watcher;
        return w == null ? List.of() : w.watchedFiles();
    }

    @Override
    public void close() {
        closeQuietly(watcher);
        closeQuietly(debouncer);
    }

    private static boolean hasContent(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) > 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Throwable ignored) {
            // closing is best effort
        }
    }
}
