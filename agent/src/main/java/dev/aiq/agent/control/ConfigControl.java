package dev.aiq.agent.control;

import dev.aiq.agent.protocol.Change;
import dev.aiq.agent.protocol.ConfigStatus;
import dev.aiq.agent.protocol.ReloadOutcome;
import dev.aiq.agent.protocol.ShownConfig;
import dev.aiq.agent.reload.HistoryEntry;
import java.nio.file.Path;
import java.util.List;

/**
 * The operations on one config of a JVM in development mode: one implementation per config session, behind the
 * control socket and that config's MXBean. Every method is safe to call from any thread; those that change the
 * config wait until the reload thread has done it. Values that look secret are masked in everything returned.
 * Internal.
 */
public interface ConfigControl {

    /** The config's short name (see {@link ConfigStatus#name()}). */
    String name();

    /** The config's root file, or null. */
    Path configFile();

    /** Returns the config's current state. */
    ConfigStatus status();

    /** Reads the config now and applies it if it changed ({@code validateOnly}: checks it, swaps nothing). */
    ReloadOutcome reload(boolean validateOnly);

    /** Would the running app accept {@code file} for this config? A dry run; null = the config's own file. */
    ReloadOutcome validate(Path file);

    /** A dry run where {@code file}, one of this config's files, reads as {@code text}; nothing is written. */
    ReloadOutcome validate(Path file, String text);

    /** What changed between two generations still in history; {@code from}/{@code to} 0 = previous/live. */
    List<Change> diff(long from, long to);

    /** The good configs kept, newest first. */
    List<HistoryEntry> history();

    /** Puts back the config {@code steps} generations before the live one (as a new generation). */
    ReloadOutcome rollback(int steps);

    /** Sets a live override (wins over the file and the app's own overrides, kept until unset) and applies it. */
    ReloadOutcome set(String path, String value);

    /** Removes a live override and applies the config without it. */
    ReloadOutcome unset(String path);

    /** Forgets every history entry but the live one. */
    void clearHistory();

    /**
     * The live effective config (what the app runs, overrides applied), or its subtree at the dotted {@code path}
     * (null: all of it), masked; see {@link ConfigView}.
     *
     * @throws RuntimeException with the protocol's {@code not-found} code when {@code path} names nothing
     */
    ShownConfig show(String path);
}
