package dev.aiq.examples.spring;

import java.util.Set;

/**
 * A Spring application event: the workflow config changed. Published by {@link DevModeRepublisher} after
 * {@link LiveWorkflowConfig} holds the new config, for beans that derived something from the old one (a client, a
 * prompt template) and must rebuild it; an {@code @EventListener} that throws vetoes the change.
 *
 * @param previous     the config that was live, never null
 * @param current      the config now live, never null
 * @param generation   aiq-dev's generation of {@code current}
 * @param changedPaths dotted paths of the keys that changed (for example {@code llms.nim_llm.temperature})
 * @param rollback     true when an earlier config is being put back
 */
public record WorkflowConfigChanged(WorkflowConfig previous, WorkflowConfig current, long generation,
                                    Set<String> changedPaths, boolean rollback) {
}
