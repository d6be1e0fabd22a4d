package dev.aiq.examples.spring;

import dev.aiq.api.DevMode;
import dev.aiq.api.ReloadEvent;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * The one listener the app adds for dev mode: on every reload it puts the new workflow file into the
 * {@code Environment} and rebinds the {@link WorkflowProperties} bean in place, then publishes
 * {@link WorkflowConfigChanged}. Without the agent it is registered and never called.
 *
 * <p>The rebind is Spring Cloud's {@code ConfigurationPropertiesRebinder}'s, in a safer order. That one resets the
 * live bean to its defaults and binds it again ({@code destroyBean}, reset, {@code initializeBean}), so a request in
 * between sees defaults, and a binding that fails leaves the bean half bound. This one has Spring Boot bind a new
 * instance ({@code initializeBean} on it runs Boot's own binding and validation from the {@code Environment}), then
 * copies its properties into the live bean: every bean it was injected into keeps the same instance and sees the new
 * values, and a failure leaves the live bean as it was.
 *
 * <p>Runs on the agent's reload thread, and so do the event's {@code @EventListener}s (Spring's default multicaster
 * calls them on the publishing thread). One that throws vetoes the change: this listener rebinds the previous file
 * before it passes the veto on, because the agent undoes a vetoed change only in the listeners that ran before.
 */
final class WorkflowPropertiesRebinder implements DisposableBean {

    private final ConfigurableApplicationContext context;
    private final DevMode.Registration registration;

    WorkflowPropertiesRebinder(ConfigurableApplicationContext context) {
        this.context = context;
        this.registration = DevMode.onReload(WorkflowFile.class, this::apply);
    }

    private void apply(ReloadEvent<WorkflowFile> event) {
        rebind(event.current());
        try {
            context.publishEvent(new WorkflowConfigChanged(live(), event.changedPaths(), event.rollback()));
        } catch (RuntimeException vetoed) {
            try {
                rebind(event.previous());
                context.publishEvent(new WorkflowConfigChanged(live(), event.changedPaths(), true));
            } catch (RuntimeException alsoFailed) {
                vetoed.addSuppressed(alsoFailed);
            }
            throw vetoed;
        }
    }

    private WorkflowProperties live() {
        return context.getBean(WorkflowProperties.class);
    }

    /**
     * Makes {@code file} the workflow's property source and rebinds the {@link WorkflowProperties} bean from it.
     *
     * @throws RuntimeException what Spring Boot's binding threw; the {@code Environment} and the bean are then as
     *                          they were
     */
    void rebind(WorkflowFile file) {
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        PropertySource<?> before = sources.get(WorkflowFile.PROPERTY_SOURCE);
        sources.replace(WorkflowFile.PROPERTY_SOURCE, file.properties());
        WorkflowProperties live = live();
        String name = context.getBeanNamesForType(WorkflowProperties.class)[0];
        AutowireCapableBeanFactory factory = context.getAutowireCapableBeanFactory();
        Object fresh;
        try {
            fresh = factory.initializeBean(BeanUtils.instantiateClass(live.getClass()), name);
        } catch (RuntimeException e) {
            sources.replace(WorkflowFile.PROPERTY_SOURCE, before);
            throw e;
        }
        // every setter is one volatile write of an immutable value: a reader sees each property old or new
        BeanUtils.copyProperties(fresh, live);
    }

    /** Unregisters the listener when the context closes. */
    @Override
    public void destroy() {
        registration.close();
    }
}
