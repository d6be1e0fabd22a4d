package dev.aiq.agent.reload;

/**
 * Why the engine reads the config: decides whether a failure counts as an attempt, whether rejected content that
 * comes back is said again, and whether anything is swapped. Internal.
 */
public enum Trigger {
    /** A watched file changed (debounced): a failure is an attempt, announced with the file's name. */
    FILE_CHANGE("file change", true, false, false, false),
    /** Watching just started: say nothing unless the files differ from what generation 1 was read from. */
    CATCH_UP("file change", true, true, false, false),
    /** Watching just started and a file was saved after the app's own read: reload whatever the hashes say. */
    CATCH_UP_AFTER_SAVE("file change", true, true, false, true),
    /** A retry after a failed attempt: does nothing unless the content changed meanwhile (half-written files). */
    RETRY("retry", true, true, false, false),
    /** {@code aiq-dev reload}: when nothing changed, the developer who asked is told so. */
    REQUEST("reload", true, false, false, false),
    /** The agent's own look (a file emptied, plugins back to the live set): a request nobody waits to hear about. */
    LOOK("file change", true, false, false, false),
    /** The app's plugins changed: the config is replayed against the new set even when its files did not change. */
    PLUGINS("plugins change", true, false, false, true),
    /** A dry run ({@code aiq-dev validate PID}, {@code reload --validate-only}): read and checked, nothing swapped. */
    DRY_RUN("validate", false, false, true, false),
    /** A live override was set or removed: a refusal keeps the override out and is no attempt. */
    OVERRIDE("override", false, false, false, false);

    private final String cause;
    private final boolean attempt;
    private final boolean quietRepeat;
    private final boolean dryRun;
    private final boolean force;

    Trigger(String cause, boolean attempt, boolean quietRepeat, boolean dryRun, boolean force) {
        this.cause = cause;
        this.attempt = attempt;
        this.quietRepeat = quietRepeat;
        this.dryRun = dryRun;
        this.force = force;
    }

    /** Why, as history shows it. */
    String cause() {
        return cause;
    }

    /** Whether a failure counts as an attempt (attempts lead to a rollback). */
    boolean countsAsAttempt() {
        return attempt && !dryRun;
    }

    /** Whether content already rejected is passed over without a word. */
    boolean quietRepeat() {
        return quietRepeat;
    }

    /** Whether nothing is swapped. */
    boolean dryRun() {
        return dryRun;
    }

    /** Whether to reload even when the hashes say the content is the live one. */
    boolean force() {
        return force;
    }
}
