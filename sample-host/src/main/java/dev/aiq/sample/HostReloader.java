package dev.aiq.sample;

import dev.aiq.api.ReloadEvent;
import dev.aiq.api.ReloadListener;
import dev.aiq.sample.config.FrontEndConfig;
import dev.aiq.sample.config.TestingConfig;
import dev.aiq.sample.config.WorkflowConfig;
import dev.aiq.sample.workflow.Workflow;
import dev.aiq.sample.workflow.WorkflowBuilder;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Internal. Applies a new config to the running app: rebuilds the workflow, moves the front end if its address
 * changed, then swaps the workflow in. Rollbacks are applied the same way.
 *
 * <p>Everything that can fail happens before the swap, so a listener that throws (and so vetoes the change) leaves
 * the app exactly as it was.
 */
final class HostReloader implements ReloadListener<WorkflowConfig> {

    /** Moves the front end to the address a config asks for; does nothing when it is already there. */
    @FunctionalInterface
    interface FrontEndMover {
        /** The mover of a front end that has no address (the console). */
        FrontEndMover NONE = frontEnd -> { };

        /**
         * Moves the front end to {@code frontEnd.host()} and {@code frontEnd.port()}.
         *
         * @throws IOException if the new address cannot be bound; the front end stays where it was
         */
        void moveTo(FrontEndConfig frontEnd) throws IOException;
    }

    private final AtomicReference<Workflow> live;
    private final WorkflowBuilder builder;
    private final FrontEndMover frontEnd;
    private final boolean faultsEnabled;

    /**
     * Creates the listener.
     *
     * @param live          the workflow requests read; swapped on every change
     * @param builder       builds the new workflow
     * @param frontEnd      moves the front end
     * @param faultsEnabled whether {@code general.testing.listener_*} take effect
     */
    HostReloader(AtomicReference<Workflow> live, WorkflowBuilder builder, FrontEndMover frontEnd,
            boolean faultsEnabled) {
        this.live = live;
        this.builder = builder;
        this.frontEnd = frontEnd;
        this.faultsEnabled = faultsEnabled;
    }

    @Override
    public void apply(ReloadEvent<WorkflowConfig> event) throws IOException, InterruptedException {
        WorkflowConfig config = event.current();
        TestingConfig faults = faultsEnabled ? config.general().testing() : TestingConfig.NONE;
        if (faults.listenerHangSeconds() > 0) {
            TimeUnit.SECONDS.sleep(faults.listenerHangSeconds());
        }
        if (faults.listenerThrows()) {
            throw new IllegalStateException("general.testing.listener_throws is set");
        }
        Workflow workflow = builder.build(config);
        frontEnd.moveTo(config.general().frontEnd());
        live.set(workflow);
    }
}
