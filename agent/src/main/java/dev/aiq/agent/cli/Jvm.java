package dev.aiq.agent.cli;

/**
 * A running JVM as the Attach API lists it, with what {@code aiq-dev list} reads from its system properties.
 * Internal.
 *
 * @param pid           the process id
 * @param displayName   the main class or jar and the arguments, as {@code jps -lm} shows them (secrets in clear: show
 *                      {@link #describe()} or {@link #forDisplay()}); empty when unknown
 * @param javaVersion   the target's {@code java.version}, or null when not read
 * @param controlSocket the control socket of aiq-dev in the target (the agent is loaded), or null
 * @param devMode       what {@code list} says of aiq-dev there: {@code active}, {@code loaded, waiting: <why>}, or
 *                      null when the agent is not loaded
 */
record Jvm(long pid, String displayName, String javaVersion, String controlSocket, String devMode) {

    private static final String CLI_MAIN = "dev.aiq.agent.cli.Main";

    /** A JVM whose properties are not read yet. */
    static Jvm of(long pid, String displayName) {
        return new Jvm(pid, displayName == null ? "" : displayName.strip(), null, null, null);
    }

    /** The same JVM with its version and control socket. */
    Jvm with(String javaVersion, String controlSocket) {
        return new Jvm(pid, displayName, javaVersion, controlSocket, devMode);
    }

    /** The same JVM with what {@code list} says of aiq-dev in it. */
    Jvm withDevMode(String devMode) {
        return new Jvm(pid, displayName, javaVersion, controlSocket, devMode);
    }

    /** The AIQ-DEV column of {@code list}: {@code -} when the agent is not loaded. */
    String devModeText() {
        return devMode != null ? devMode : controlSocket != null ? "loaded" : "-";
    }

    /** The main class or jar: the first word of the display name. */
    String main() {
        int space = displayName.indexOf(' ');
        return space < 0 ? displayName : displayName.substring(0, space);
    }

    /** Whether this JVM runs an aiq-dev command line (whose arguments would match any substring it was given). */
    boolean isAiqDevCommandLine() {
        return main().equals(CLI_MAIN) || main().endsWith("aiq-dev.jar");
    }

    /** The same JVM with its command line as it may be shown: secrets masked, control characters escaped. */
    Jvm forDisplay() {
        return new Jvm(pid, SafeOutput.commandLine(displayName), javaVersion,
                controlSocket == null ? null : dev.aiq.agent.mask.Masking.escape(controlSocket),
                devMode == null ? null : dev.aiq.agent.mask.Masking.text(devMode));
    }

    /** {@code 4242 (com.acme.App run console)}, secrets masked, or just the pid when the name is unknown. */
    String describe() {
        return displayName.isEmpty() ? Long.toString(pid) : pid + " (" + SafeOutput.commandLine(displayName) + ")";
    }
}
