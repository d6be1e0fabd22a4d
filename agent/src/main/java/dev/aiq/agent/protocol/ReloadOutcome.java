package dev.aiq.agent.protocol;

import java.time.Instant;
import java.util.List;

/**
 * The result of one reload, validation, rollback or override change. Internal.
 *
 * @param kind       what was attempted
 * @param success    whether it succeeded (for {@link Kind#UNCHANGED}: true)
 * @param generation the live generation afterwards
 * @param message    one line for people, for example {@code Configuration reloaded successfully} or the first error
 * @param errors     every error, each rendered {@code file:line:col: reason}; empty on success
 * @param changes    what changed (masked); empty when nothing did
 * @param timings    time per stage
 * @param at         when it finished
 */
public record ReloadOutcome(Kind kind, boolean success, long generation, String message, List<String> errors,
                            List<Change> changes, Timings timings, Instant at) {

    /** What an outcome is about. */
    public enum Kind {
        /** How generation 1 came to be: the app's own call, or a call made up at attach from its command line. */
        START,
        /** A change was read, checked and applied (or rejected). */
        RELOAD,
        /** A live override was set or removed and applied (or refused: the override is not kept). */
        OVERRIDE,
        /** The content was the same as the live one: nothing to do. */
        UNCHANGED,
        /** A dry run: read and checked, nothing swapped. */
        VALIDATE,
        /** An earlier config was put back (or could not be). */
        ROLLBACK,
        /** The config file is missing or still empty (a save in progress); the live config stays. */
        MISSING
    }

    /** Copies the lists. */
    public ReloadOutcome {
        errors = List.copyOf(errors);
        changes = List.copyOf(changes);
    }
}
