package dev.aiq.agent.reload;

import dev.aiq.api.ConfigOverrides;
import java.nio.file.Path;
import java.util.List;

/**
 * What the reload engine needs of the instrumented provider: produce a config with its original code, and publish
 * one as live. Internal.
 */
public interface ProviderBinding {

    /** {@code com.acme.ConfigLoader#load}. */
    String name();

    /** The class loader of the provider (validators are looked up there); may be null. */
    ClassLoader loader();

    /** The app's own overrides, as recorded. */
    ConfigOverrides appOverrides();

    /** Whether live overrides can reach the provider (it takes a {@code ConfigOverrides} argument). */
    boolean takesOverrides();

    /**
     * What a replay produced.
     *
     * @param value        what the provider returned
     * @param dependencies the files the provider calls nested in it named (sub-configs), absolute
     */
    record Replayed(Object value, List<Path> dependencies) {
    }

    /**
     * Runs the provider's original code with the recorded arguments.
     *
     * @param file another config file to read instead (dry-run validation), or null
     * @param live overrides to append to the app's own
     */
    Replayed replay(Path file, ConfigOverrides live) throws Exception;

    /** Makes {@code value} what every provider call returns from now on. */
    void publish(Object value, long generation);
}
