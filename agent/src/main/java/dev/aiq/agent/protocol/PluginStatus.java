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
     * The set for people, one line per jar and one for the types:
     * {@code generation 2 of /app/plugins}, {@code shout.jar 1.2 (sha256 3f2a9c0d1b7e)},
     * {@code types: [com.acme.Shout]}.
     */
    public List<String> lines() {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("generation " + generation + " of " + location);
        for (Jar jar : jars) {
            String name = java.nio.file.Path.of(jar.path()).getFileName().toString();
            lines.add(name + (jar.version() == null ? "" : " " + jar.version()) + " (sha256 "
                    + jar.sha256().substring(0, Math.min(12, jar.sha256().length())) + ")");
        }
        lines.add("types: " + types);
        return lines;
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
