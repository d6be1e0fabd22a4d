/**
 * The one masking rule of aiq-dev: which keys and values are secret, how a value is shown in a message, how a command
 * line is shown; everything the agent or the CLI prints passes through {@link dev.aiq.agent.mask.Masking}.
 */
package dev.aiq.agent.mask;
