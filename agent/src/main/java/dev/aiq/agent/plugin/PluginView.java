package dev.aiq.agent.plugin;

import java.util.List;
import java.util.function.Supplier;

/**
 * What agent-api's {@code PluginSet} reads: the live components, or, on the one thread replaying the config provider
 * against a new set, that set. The read is the hot path of every {@code components()} call: volatile reads and a
 * compare, no lock, no allocation. Internal.
 */
final class PluginView implements Supplier<List<?>> {

    private volatile List<Object> live;
    private volatile List<Object> staged = List.of();
    private volatile Thread stagedFor;

    PluginView(List<Object> live) {
        this.live = live;
    }

    @Override
    public List<?> get() {
        Thread replaying = stagedFor;
        if (replaying != null && replaying == Thread.currentThread()) {
            return staged;
        }
        return live;
    }

    /** Makes {@code components} what the calling thread sees, until {@link #unstage()}. */
    void stage(List<Object> components) {
        staged = components;
        stagedFor = Thread.currentThread();
    }

    /** Every thread sees the live components again. */
    void unstage() {
        stagedFor = null;
        staged = List.of();
    }

    /** Makes {@code components} live for every thread. */
    void publish(List<Object> components) {
        live = components;
    }
}
