package dev.aiq.agent.protocol;

import java.util.List;
import java.util.Map;

/**
 * The state of one config of a JVM in development mode, as {@code aiq-dev status} shows it. Internal.
 *
 * @param name          a short name that tells this config from the JVM's others: the config file's name, or more
 *                      of its path where two configs share a name
 * @param configFile    the config's root file (absolute), or null when none was found among the call's arguments
 * @param provider      the instrumented provider, {@code com.acme.ConfigLoader#load}
 * @param active        whether the config is live and watched
 * @param generation    the live generation (1 for what the app's own call returned)
 * @param sha256        hash of the live config's source, or null
 * @param last          the last real outcome (a dry run never replaces it), or null
 * @param attempts      failed attempts since the last success
 * @param maxAttempts   attempts before rollback
 * @param watchedFiles  every file watched for this config (root, what the reader reached, nested calls, extra)
 * @param dependencies  the files learned from provider calls nested in this config's call (sub-configs)
 * @param delaySeconds  debounce quiet period
 * @param pollSeconds   polling net interval, 0 = off
 * @param events        whether file events are used
 * @param appOverrides  the app's own {@code --override}s, as {@code path=value}
 * @param liveOverrides overrides set through the CLI, by path (masked)
 * @param historySize   good configs kept
 * @param plugins       the live plugin set, or null when the app uses no plugins location
 */
public record ConfigStatus(String name, String configFile, String provider, boolean active, long generation,
                           String sha256, ReloadOutcome last, int attempts, int maxAttempts, List<String> watchedFiles,
                           List<String> dependencies, double delaySeconds, double pollSeconds, boolean events,
                           List<String> appOverrides, Map<String, String> liveOverrides, int historySize,
                           PluginStatus plugins) {

    /** A status without plugins. */
    public ConfigStatus(String name, String configFile, String provider, boolean active, long generation, String sha256,
                        ReloadOutcome last, int attempts, int maxAttempts, List<String> watchedFiles,
                        List<String> dependencies, double delaySeconds, double pollSeconds, boolean events,
                        List<String> appOverrides, Map<String, String> liveOverrides, int historySize) {
        this(name, configFile, provider, active, generation, sha256, last, attempts, maxAttempts, watchedFiles,
                dependencies, delaySeconds, pollSeconds, events, appOverrides, liveOverrides, historySize, null);
    }
}
