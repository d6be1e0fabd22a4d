package dev.aiq.agent.protocol;

import java.util.List;

/**
 * The live plugin set of a JVM, as {@code aiq-dev status} shows it with each config. Internal.
 *
 * @param location   the plugins location (absolute)
 * @param generation the live set's generation: 1 for the set the app started with, one more for each set that went live
 * @param jars       the jars and class directories of the live set, in load order
 * @param types      the class names of the live components, in load order
 */
public record PluginStatus(String location, long generation, List<Jar> jars, List<String> types) {

    /** Copies the lists. */
    public PluginStatus {
        jars = List.copyOf(jars);
        types = List.copyOf(types);
    }

    /**
     * One jar or class directory of the set.
     *
     * @param path    its path (absolute)
     * @param sha256  the hash of its content (a class directory: of its files' names and bytes)
     * @param version its manifest's {@code Implementation-Version}, or null
     */
    public record Jar(String path, String sha256, String version) {
    }
}
