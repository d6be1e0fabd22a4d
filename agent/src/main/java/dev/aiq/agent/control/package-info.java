/** Serves development mode's operations to the CLI over a private Unix-domain socket and to JMX tools as an MXBean. */
package dev.aiq.agent.control;
