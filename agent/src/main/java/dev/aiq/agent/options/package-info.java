/** Parses the agent's options ({@code -javaagent:aiq-dev.jar=...}, {@code @file}, environment variables). */
package dev.aiq.agent.options;
