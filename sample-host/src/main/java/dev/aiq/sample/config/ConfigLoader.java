package dev.aiq.sample.config;

import dev.aiq.api.ConfigOverrides;
import dev.aiq.api.ConfigProvider;
import dev.aiq.api.OverrideException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The app's config provider: reads a workflow YAML file, applies {@code --override}s and checks the result.
 *
 * <p>Under aiq-dev this is the method the agent replays on every change, with the same file and overrides, so what
 * it accepts is exactly what the app accepts at start.
 */
public final class ConfigLoader {

    private final Map<String, String> environment;
    private final boolean faultsEnabled;

    /**
     * Creates a loader that expands {@code ${VAR}} from {@code environment}.
     *
     * @param environment   variables for {@code ${VAR}}, not null
     * @param faultsEnabled whether {@code general.testing.provider_throws} takes effect
     */
    ConfigLoader(Map<String, String> environment, boolean faultsEnabled) {
        this.environment = environment;
        this.faultsEnabled = faultsEnabled;
    }

    /**
     * Loads the workflow config in {@code configFile}, with {@code ${VAR}} taken from the process environment.
     *
     * @param configFile the YAML file, not null
     * @param overrides  {@code --override PATH VALUE} pairs applied after reading, in order; null means none
     * @return the config, never null
     * @throws ConfigLoadException if the file cannot be read, is not valid YAML, or is not a valid workflow; the
     *                             message starts with the dotted path of the offending key when there is one
     */
    @ConfigProvider
    public static WorkflowConfig load(Path configFile, ConfigOverrides overrides) throws ConfigLoadException {
        return new ConfigLoader(System.getenv(), TestingConfig.faultsEnabled()).read(configFile, overrides);
    }

    /** Does what {@link #load} says, with this loader's environment. */
    WorkflowConfig read(Path configFile, ConfigOverrides overrides) throws ConfigLoadException {
        Map<String, Object> tree = YamlFiles.read(configFile, environment);
        tree = applied(overrides == null ? ConfigOverrides.none() : overrides, tree);
        ConfigChecks.checkSections(tree);
        WorkflowConfig config = ConfigBinder.bind(tree);
        ConfigChecks.checkComponents(config);
        if (faultsEnabled && config.general().testing().providerThrows()) {
            throw new IllegalStateException("general.testing.provider_throws is set");
        }
        return config;
    }

    private static Map<String, Object> applied(ConfigOverrides overrides, Map<String, Object> tree)
            throws ConfigLoadException {
        try {
            return overrides.applyTo(tree);
        } catch (OverrideException e) {
            String prefix = "override '" + e.path() + "': ";
            String problem = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length())
                    : e.getMessage();
            throw new ConfigLoadException(e.path(), "cannot apply --override: " + problem);
        }
    }
}
