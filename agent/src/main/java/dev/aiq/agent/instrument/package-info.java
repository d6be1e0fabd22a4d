/** Instruments the config provider: the bootstrap bridge, a small ASM weave, and replay of the original method. */
package dev.aiq.agent.instrument;
