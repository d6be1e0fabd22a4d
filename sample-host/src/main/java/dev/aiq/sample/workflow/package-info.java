/**
 * Turns a config into a running workflow of offline, deterministic fake LLMs and tools:
 * {@link dev.aiq.sample.workflow.WorkflowBuilder} is the entry point.
 */
package dev.aiq.sample.workflow;
