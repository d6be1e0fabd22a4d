package dev.aiq.agent.protocol;

import java.util.List;

/**
 * The state of development mode in one JVM: every config it serves. Internal.
 *
 * @param active    whether at least one config is live and watched
 * @param pid       the host's process id
 * @param providers every instrumented provider and every one asked for by name
 * @param configs   one entry per config, in the order the app first called for them
 * @param problems  what the agent ignored or could not do (refused options, a provider it could not call, a
 *                  control plane that did not start), one line each
 * @param waiting   why dev mode is not active (the provider not found or not called yet, a config it could not
 *                  read), or null when it is active or the agent does not know
 */
public record JvmStatus(boolean active, long pid, List<String> providers, List<ConfigStatus> configs,
                        List<String> problems, String waiting) {

    /** A status without a reason for being inactive. */
    public JvmStatus(boolean active, long pid, List<String> providers, List<ConfigStatus> configs,
                     List<String> problems) {
        this(active, pid, providers, configs, problems, null);
    }
}
