package dev.aiq.agent.control;

/**
 * Development mode of the whole JVM as JConsole and VisualVM show it: the MXBean {@code dev.aiq:type=DevMode}, with
 * the JVM's state, its configs and {@link #detach()}. Each config has its own {@link ConfigMXBean}; the attributes and
 * operations inherited from it act here on the JVM's only config, as they did before a JVM could have several (with
 * several they fail, naming the configs' beans). Open types only; a failed operation throws
 * {@link IllegalStateException} with the reason. Internal.
 */
public interface DevModeMXBean extends ConfigMXBean {

    /** Whether at least one config is live and watched. */
    @Override
    boolean isActive();

    /** The host's process id. */
    long getPid();

    /** The configs' names, in the order the app first called for them. */
    String[] getConfigs();

    /** The object names of the configs' beans, in the same order. */
    String[] getConfigBeans();

    /** Every instrumented provider and every one asked for by name. */
    String[] getProviders();

    /** What the agent ignored or could not do, one line each. */
    String[] getProblems();

    /** Stops development mode; the app keeps its live configs. */
    String detach();
}
