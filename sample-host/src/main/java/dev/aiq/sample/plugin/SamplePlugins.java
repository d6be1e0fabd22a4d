package dev.aiq.sample.plugin;

import dev.aiq.api.PluginSet;
import dev.aiq.api.Plugins;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The host's plugin functions: none until {@link #open} is given the {@code --plugins} directory, then the live set
 * agent-api provides (under aiq-dev it follows the directory). The config checks and the workflow builder both ask
 * here, so a set being checked by the agent is the one they see. Thread-safe.
 */
public final class SamplePlugins {

    private static volatile PluginSet<FunctionPlugin> plugins;

    private SamplePlugins() {
    }

    /**
     * Loads the plugin functions of {@code directory}.
     *
     * @param directory the plugins directory (jars and class directories), not null
     * @throws dev.aiq.api.PluginException if the first set cannot be loaded
     */
    public static void open(Path directory) {
        plugins = Plugins.load(directory, FunctionPlugin.class);
    }

    /**
     * Returns the plugin that provides function {@code type}, or null.
     *
     * @param type a function {@code _type}
     * @return the plugin, or null when none provides it (or no plugins directory was given)
     */
    public static FunctionPlugin function(String type) {
        PluginSet<FunctionPlugin> set = plugins;
        if (set == null) {
            return null;
        }
        for (FunctionPlugin plugin : set.components()) {
            if (plugin.type().equals(type)) {
                return plugin;
            }
        }
        return null;
    }

    /**
     * Returns the function types the live plugins provide, sorted.
     *
     * @return the types, never null
     */
    public static Set<String> functionTypes() {
        Set<String> types = new TreeSet<>();
        PluginSet<FunctionPlugin> set = plugins;
        if (set != null) {
            for (FunctionPlugin plugin : set.components()) {
                types.add(plugin.type());
            }
        }
        return types;
    }
}
