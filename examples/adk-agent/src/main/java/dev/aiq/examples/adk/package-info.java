/** A Google ADK for Java app in development mode: agents in YAML, a fake LLM, a runner rebuilt on every reload. */
package dev.aiq.examples.adk;
