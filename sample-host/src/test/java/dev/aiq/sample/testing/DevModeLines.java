package dev.aiq.sample.testing;

/**
 * The lines the aiq-dev agent prints on the host's standard error that the end-to-end tests wait for and check (see
 * docs/config-reload.md), with the agent's default of 3 attempts.
 */
public final class DevModeLines {

    /** The banner's first line: the agent is watching. */
    public static final String ACTIVE = "Development Mode Active";
    /** Names the file of a config the agent watches, once per config; the file's path follows. */
    public static final String WATCHING = "Watching config: ";
    /** A reload went live. */
    public static final String RELOADED = "Configuration reloaded successfully";
    /** The last line printed for a reload that went live, after what changed and the stage times. */
    public static final String RELOAD_DONE = "Starting workflow with updated configuration...";
    /** Follows every failed attempt. */
    public static final String CONTINUES = "Workflow continues with previous configuration due to reload error";
    /** The third failed attempt in a row. */
    public static final String ROLLING_BACK = "Maximum reload attempts exceeded, attempting rollback...";
    /** The rollback after the third failed attempt worked; the generation follows. */
    public static final String ROLLED_BACK = "Configuration rolled back successfully";
    /** The start of every line that reports a failed attempt. */
    public static final String FAILED = "Configuration reload failed";

    private DevModeLines() {
    }

    /** Returns the start of the line that reports failed attempt {@code attempt} of 3, up to the reason. */
    public static String failed(int attempt) {
        return FAILED + " (attempt " + attempt + "/3): ";
    }
}
