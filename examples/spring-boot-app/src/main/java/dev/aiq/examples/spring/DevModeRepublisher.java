package dev.aiq.examples.spring;

import dev.aiq.api.DevMode;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The one listener the app adds for dev mode: on every reload it puts the new config into {@link LiveWorkflowConfig}
 * and tells the beans that care with a {@link WorkflowConfigChanged} event. Runs on the agent's reload thread; an
 * {@code @EventListener} that throws makes the reload fail, and the agent then calls this listener again with the
 * previous config (a rollback event). Without the agent it is registered and never called.
 */
final class DevModeRepublisher implements DisposableBean {

    private final DevMode.Registration registration;

    DevModeRepublisher(LiveWorkflowConfig live, ApplicationEventPublisher events) {
        registration = DevMode.onReload(WorkflowConfig.class, event -> {
            live.replace(event.current());
            events.publishEvent(new WorkflowConfigChanged(event.previous(), event.current(), event.generation(),
                    event.changedPaths(), event.rollback()));
        });
    }

    /** Unregisters the listener when the context closes. */
    @Override
    public void destroy() {
        registration.close();
    }
}
