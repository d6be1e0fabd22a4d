package dev.aiq.agent.plugin;

import java.util.List;

/**
 * One built plugin set: the files it was built from, the class loader its classes live in and the components. Internal.
 *
 * @param generation 1 for the set the app started with, one more for each set built since
 * @param snapshot   what the location held
 * @param loader     the class loader over the snapshot's files (closed once the set is replaced)
 * @param components the components, in load order
 */
record PluginGeneration(long generation, PluginSnapshot snapshot, ClassLoader loader, List<Object> components) {

    PluginGeneration {
        components = List.copyOf(components);
    }

    /** The components' class names. */
    List<String> types() {
        return components.stream().map(c -> c.getClass().getName()).toList();
    }
}
