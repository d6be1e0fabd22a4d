package dev.aiq.agent.plugin;

import java.lang.ref.Cleaner;
import java.util.List;

/**
 * One built plugin set: the files it was built from, the class loader its classes live in and the components. Internal.
 *
 * @param generation 1 for the set the app started with, one more for each set built since
 * @param snapshot   what the location held
 * @param loader     the class loader over a private copy of the snapshot's files (or the app's own, at attach)
 * @param components the components, in load order
 * @param copy       deletes the copy the loader reads (by itself once the loader is unreachable); null for the app's
 *                   own set
 */
record PluginGeneration(long generation, PluginSnapshot snapshot, ClassLoader loader, List<Object> components,
                        Cleaner.Cleanable copy) {

    PluginGeneration {
        components = List.copyOf(components);
    }

    /** The components' class names. */
    List<String> types() {
        return components.stream().map(c -> c.getClass().getName()).toList();
    }
}
