package dev.aiq.examples.spring;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live workflow config as a bean: what other beans inject instead of a {@link WorkflowConfig}. A bean that kept
 * the config itself in a {@code final} field would keep the first one for ever; this holder is the one place a
 * reload replaces it, and {@link #current()} is one volatile read.
 */
public final class LiveWorkflowConfig {

    private final AtomicReference<WorkflowConfig> current;

    /** Holds {@code initial} until the first reload. */
    public LiveWorkflowConfig(WorkflowConfig initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    }

    /** Returns the live config; never null. Read it per request, not once into a field. */
    public WorkflowConfig current() {
        return current.get();
    }

    /** Makes {@code config} the live config. */
    void replace(WorkflowConfig config) {
        current.set(Objects.requireNonNull(config, "config"));
    }
}
