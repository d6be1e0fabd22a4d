package dev.aiq.agent.reload;

import java.util.List;
import java.util.Map;

/**
 * Everything {@code aiq-dev status} shows. Internal.
 *
 * @param active         whether development mode is on
 * @param pid            the host's process id
 * @param provider       the instrumented provider(s), {@code com.acme.ConfigLoader#load}
 * @param configFile     the watched root config, or null before the provider's first call
 * @param generation     the live generation (0 before the first call)
 * @param sha256         hash of the live config's source, or null
 * @param last           the last outcome, or null
 * @param attempts       failed attempts since the last success
 * @param maxAttempts    attempts before rollback
 * @param watchedFiles   every file watched (config, includes, extra)
 * @param delaySeconds   debounce quiet period
 * @param pollSeconds    polling net interval, 0 = off
 * @param events         whether file events are used
 * @param appOverrides   the app's own {@code --override}s, as {@code path=value}
 * @param liveOverrides  overrides set through the CLI, by path (masked)
 * @param historySize    good configs kept
 */
public record Status(boolean active, long pid, List<String> provider, String configFile, long generation,
                     String sha256, ReloadOutcome last, int attempts, int maxAttempts, List<String> watchedFiles,
                     double delaySeconds, double pollSeconds, boolean events, List<String> appOverrides,
                     Map<String, String> liveOverrides, int historySize) {
}
