package dev.aiq.api;

import java.util.List;

/**
 * Checks a new config before it goes live; any problem it reports rejects the change.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader} in the class loader of the config provider: list
 * them in {@code META-INF/services/dev.aiq.api.ConfigValidator}. They run on the agent's reload thread after the
 * provider has produced the new config and before anything is swapped. A validator that throws rejects the change too.
 *
 * @param <T> the config type this validator understands
 */
public interface ConfigValidator<T> {

    /**
     * The config type this validator checks; configs of other types are not given to it.
     *
     * @return the type, never null; {@code Object.class} checks every config
     */
    Class<T> configType();

    /**
     * Checks {@code config}.
     *
     * @param config the candidate config, never null
     * @return the problems found, empty when the config is acceptable; never null
     */
    List<ConfigProblem> validate(T config);
}
