package dev.aiq.agent.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a plugins location holds at one moment: its jars ({@code *.jar}) and class directories (its sub-directories),
 * in name order; a location that is one jar holds that jar. Internal.
 *
 * @param location the location (absolute)
 * @param files    the jars and class directories
 */
record PluginSnapshot(Path location, List<PluginFile> files) {

    PluginSnapshot {
        files = List.copyOf(files);
    }

    /** The jars and class directories of {@code location}, without reading them. */
    static List<Path> entries(Path location) throws IOException {
        if (Files.isRegularFile(location)) {
            return List.of(location);
        }
        if (!Files.isDirectory(location)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(location)) {
            return list.filter(p -> Files.isDirectory(p) || p.getFileName().toString().endsWith(".jar")
                    && Files.isRegularFile(p)).sorted().toList();
        }
    }

    /** One string that differs when any file's content does. */
    String fingerprint() {
        StringBuilder text = new StringBuilder();
        for (PluginFile f : files) {
            text.append(f.path()).append('=').append(f.sha256()).append(';');
        }
        return text.toString();
    }

    /** The files that are new, changed or gone in this snapshot compared with {@code before}, by path. */
    Set<Path> changedSince(PluginSnapshot before) {
        Map<Path, String> old = new HashMap<>();
        for (PluginFile f : before.files) {
            old.put(f.path(), f.sha256());
        }
        Set<Path> changed = new LinkedHashSet<>();
        for (PluginFile f : files) {
            if (!f.sha256().equals(old.remove(f.path()))) {
                changed.add(f.path());
            }
        }
        changed.addAll(old.keySet());
        return changed;
    }
}
