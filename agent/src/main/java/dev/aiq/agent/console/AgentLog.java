package dev.aiq.agent.console;

import java.util.Map;
import org.tinylog.Logger;
import org.tinylog.configuration.Configuration;

/**
 * The agent's own detail log (tinylog, relocated), configured in code so the host's {@code tinylog.properties} and
 * logging setup are neither read nor touched. Off until {@link #configure(String)} runs, which the runtime does on
 * its background thread, never in premain (tinylog's start-up costs 50–100 ms). Internal.
 */
public final class AgentLog {

    private static volatile boolean configured;

    private AgentLog() {
    }

    /** Configures the log once: one line per entry on standard error, at {@code level} (trace ... off). */
    public static synchronized void configure(String level) {
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
            configured = true;
        } catch (Throwable alreadyInUse) {
            // the configuration is frozen once tinylog has logged: keep what is there
            configured = true;
        }
    }

    /** Logs detail shown with {@code AIQ_LOG_LEVEL=DEBUG} or {@code log=debug}. */
    public static void debug(String message, Object... args) {
        if (configured) {
            Logger.debug(message, args);
        }
    }

    /** Logs a warning about the agent itself. */
    public static void warn(String message, Object... args) {
        if (configured) {
            Logger.warn(message, args);
        }
    }
}
