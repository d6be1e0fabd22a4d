package dev.aiq.agent.console;

import java.util.Map;
import org.tinylog.Logger;
import org.tinylog.configuration.Configuration;

/**
 * The agent's own detail log (tinylog, relocated), configured in code so the host's {@code tinylog.properties} and
 * logging setup are neither read nor touched. Off until {@link #configure(String)} runs, which the runtime does on
 * its background thread, never in premain; tinylog's start-up (50–100 ms) waits for the first line. Internal.
 */
public final class AgentLog {

    private static volatile boolean configured;
    /** Whether {@code debug} lines are written: only then is tinylog started (at the first line). */
    private static volatile boolean debugOn;
    private static volatile String level;

    private AgentLog() {
    }

    /**
     * Configures the log once: one line per entry on standard error, at {@code level} (trace ... off). tinylog
     * itself starts at the first line written, so at the default level (info, and the agent logs no info) it never
     * loads.
     */
    public static synchronized void configure(String level) {
        if (AgentLog.level != null) {
            return;
        }
        AgentLog.level = level;
        debugOn = "debug".equalsIgnoreCase(level) || "trace".equalsIgnoreCase(level);
    }

    /** Logs detail shown with {@code AIQ_LOG_LEVEL=DEBUG} or {@code log=debug}. */
    public static void debug(String message, Object... args) {
        if (debugOn && started()) {
            Logger.debug(message, args);
        }
    }

    /** Whether {@code debug} lines are written: lets a caller skip bookkeeping kept only for them. */
    public static boolean debugEnabled() {
        return debugOn;
    }

    /** Logs a warning about the agent itself. */
    public static void warn(String message, Object... args) {
        if (level != null && !"off".equalsIgnoreCase(level) && !"error".equalsIgnoreCase(level) && started()) {
            Logger.warn(message, args);
        }
    }

    private static boolean started() {
        if (!configured) {
            start();
        }
        return true;
    }

    private static synchronized void start() {
        if (configured) {
            return;
        }
        try {
            Configuration.replace(Map.of(
                    "writer", "console",
                    "writer.stream", "err",
                    "writer.level", level,
                    "writer.format", "[aiq-dev] {level}: {message}",
                    "autoshutdown", "false"));
        } catch (Throwable alreadyInUse) {
            // the configuration is frozen once tinylog has logged: keep what is there
        }
        configured = true;
    }
}
