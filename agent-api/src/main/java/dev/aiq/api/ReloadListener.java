package dev.aiq.api;

/**
 * Applies a new config to the running app, for example by rebuilding its workflow or rebinding its front end.
 *
 * <p>Listeners run on the agent's reload thread, in registration order, after the new config has passed every
 * check and has been swapped in. A listener that throws vetoes the change: the previous config goes back into place
 * and the listeners that already ran are called again with it (an event whose {@link ReloadEvent#rollback()} is
 * true). A listener should therefore be able to apply any config it has been given before.
 *
 * @param <T> the type the config provider returns
 */
@FunctionalInterface
public interface ReloadListener<T> {

    /**
     * Applies {@code event.current()} to the app.
     *
     * @param event the change, never null
     * @throws Exception to veto the change; the message is shown to the developer
     */
    void apply(ReloadEvent<T> event) throws Exception;
}
