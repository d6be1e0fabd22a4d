package dev.aiq.examples.spring;

import java.util.Set;

/**
 * A Spring application event: the {@link WorkflowProperties} bean was rebound with a new workflow file. Published by
 * {@link WorkflowPropertiesRebinder} after the rebind, for beans that derived something from the old values (a
 * client, a prompt template) and must rebuild it; an {@code @EventListener} that throws vetoes the change, and the
 * bean is rebound with the previous file.
 *
 * @param properties   the bean, now holding the new values (the same instance as before)
 * @param changedPaths dotted paths of the keys that changed (for example {@code llms.nim_llm.temperature})
 * @param rollback     true when an earlier file's values are being put back
 */
public record WorkflowConfigChanged(WorkflowProperties properties, Set<String> changedPaths, boolean rollback) {
}
