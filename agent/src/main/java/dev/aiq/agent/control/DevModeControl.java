package dev.aiq.agent.control;

import dev.aiq.agent.protocol.JvmStatus;
import dev.aiq.agent.protocol.ReloadOutcome;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Development mode of one JVM as the outside sees it: the JVM's state, its configs (one {@link ConfigControl}
 * each), and detach. One implementation (the agent runtime) behind the control socket and the MXBeans. Internal.
 */
public interface DevModeControl {

    /** Returns the state of the JVM and of every config. */
    JvmStatus status();

    /** The configs, in the order the app first called for them; empty before the first. */
    List<ConfigControl> configs();

    /**
     * Tells {@code listener} of every config that appears from now on (the MXBeans register one bean per config);
     * configs that exist already are not replayed.
     */
    void onConfigAdded(Consumer<ConfigControl> listener);

    /**
     * Tells {@code listener} of every outcome of every config from now on, on the thread that made it (the reload
     * thread): it must return quickly and never throw. Nothing is replayed.
     */
    default void onOutcome(BiConsumer<ConfigControl, ReloadOutcome> listener) {
        // a control without outcomes to tell (a test double) has none to stream
    }

    /** Stops development mode: watchers, socket, MXBeans, instrumentation; the app keeps its live configs. */
    void detach();
}
