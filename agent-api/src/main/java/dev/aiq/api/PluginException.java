package dev.aiq.api;

/**
 * Thrown by {@link Plugins#load} when the plugins location cannot give a first set of components: a jar that is not a
 * jar, a listed class that is missing, a component whose constructor throws. The message is one line naming the jar or
 * class at fault.
 */
public final class PluginException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line naming the jar or class at fault
     * @param cause   what was thrown, or null
     */
    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
