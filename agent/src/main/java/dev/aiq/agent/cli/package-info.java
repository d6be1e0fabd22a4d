/** The {@code aiq-dev} command line: finds a JVM, loads the agent into it, and drives its control socket. */
package dev.aiq.agent.cli;
