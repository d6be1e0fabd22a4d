/** Shared test fixtures of the agent's tests. */
package dev.aiq.agent.testing;
