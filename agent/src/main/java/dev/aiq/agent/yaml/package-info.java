/** Reads a workflow config: YAML with includes, inheritance, file references and environment variables, with limits. */
package dev.aiq.agent.yaml;
