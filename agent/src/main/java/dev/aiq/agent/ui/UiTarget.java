package dev.aiq.agent.ui;

import java.nio.file.Path;

/**
 * A JVM in development mode that the page can show.
 *
 * @param pid    its process id
 * @param name   its main class or jar and arguments, secrets masked
 * @param socket its control socket, as reachable from here
 */
public record UiTarget(long pid, String name, Path socket) {
}
