package dev.aiq.agent.options;

import dev.aiq.api.ConfigOverrides;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The agent's options, parsed from {@code -javaagent:aiq-dev.jar=...} or from {@code attach}. Internal.
 *
 * @param config          the config file, or null to find it among the provider's arguments
 * @param providers       providers named with {@code provider=}; empty = methods annotated {@code @ConfigProvider}
 * @param delay           debounce quiet period ({@code delay=}, env {@code AIQ_DEV_MODE_DELAY}, default 0.5 s)
 * @param poll            polling net interval ({@code poll=}, default 2 s, zero = off)
 * @param events          whether to use file-system events ({@code events=}, default true)
 * @param watch           extra files to watch ({@code watch=}, repeatable or {@code ;}-separated)
 * @param maxAttempts     failed attempts before rollback ({@code max_attempts=}, default 3)
 * @param history         good configs kept ({@code history=}, default 10)
 * @param logLevel        the agent's own log level ({@code log=}, env {@code AIQ_LOG_LEVEL}, default info)
 * @param listenerTimeout how long one reload listener may run ({@code timeout=}, default 30 s)
 * @param overrides       live overrides to start with ({@code override=PATH=VALUE}, repeatable)
 * @param problems        one line per unknown or malformed option; the agent prints them and carries on
 * @param maxConfigs      configs (outermost provider calls of distinct identity) one JVM serves ({@code max_configs=},
 *                        default 32); later calls with other arguments run the provider's own code
 * @param root            a directory that widens the project root includes, {@code base:} and {@code file://} may
 *                        reach ({@code root=}), or null for the project root alone
 */
public record AgentOptions(Path config, List<ProviderSpec> providers, Duration delay, Duration poll, boolean events,
                           List<Path> watch, int maxAttempts, int history, String logLevel, Duration listenerTimeout,
                           ConfigOverrides overrides, List<String> problems, int maxConfigs, Path root) {

    /** Copies the lists. */
    public AgentOptions {
        providers = List.copyOf(providers);
        watch = List.copyOf(watch);
        problems = List.copyOf(problems);
    }

    /** Returns the delay as the banner shows it: {@code 0.5s}. */
    public String delayText() {
        return seconds(delay) + "s";
    }

    /** Returns a duration in seconds without trailing zeros: 0.5, 2, 0.05. */
    public static String seconds(Duration duration) {
        return java.math.BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros().toPlainString();
    }
}
