/** Tells the developer what development mode does, in the AIQ toolkit's words, on the host's console. */
package dev.aiq.agent.console;
