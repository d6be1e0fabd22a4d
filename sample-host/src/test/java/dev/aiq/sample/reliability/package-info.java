/**
 * The reliability suite: hostile inputs, bursts, readers, soak, faults and isolation, each against real hosts under
 * the agent (docs/reliability.md lists every case and its result).
 */
package dev.aiq.sample.reliability;
