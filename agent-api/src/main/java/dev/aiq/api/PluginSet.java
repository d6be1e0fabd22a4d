package dev.aiq.api;

import java.nio.file.Path;
import java.util.List;

/**
 * A live view of the components that a plugins location provides for one service interface, as
 * {@link Plugins#load(Path, Class)} returns it.
 *
 * <p>Without the aiq-dev agent the set is loaded once and never changes. Under the agent it follows the location: a
 * jar or class file added, changed or removed gives a new set, which becomes what {@link #components()} returns only
 * once the app's config provider has accepted it (and together with the config it produced). Code that runs the
 * provider during such a check sees the set being checked; every other thread sees the live one. Hold the view, not
 * the components, so that a replaced set's classes can be unloaded.
 *
 * @param <T> the service interface
 */
public interface PluginSet<T> {

    /**
     * Returns the location this set comes from.
     *
     * @return the absolute location (a directory of jars and class directories, or one jar), never null
     */
    Path location();

    /**
     * Returns the service interface the components implement.
     *
     * @return the service interface, never null
     */
    Class<T> service();

    /**
     * Returns the live components, in the order the location lists them (jars and class directories by name, then each
     * one's {@code META-INF/services} order). Cheap: no lock, no allocation.
     *
     * @return an immutable list, never null, empty when the location provides none
     */
    List<T> components();

    /**
     * Returns the first live component that is an instance of {@code type} (a sub-interface of the service the app
     * defines, say), or null.
     *
     * @param type the type asked for, not null
     * @param <S>  the type asked for
     * @return the component, or null when none is of that type
     */
    <S extends T> S get(Class<S> type);
}
