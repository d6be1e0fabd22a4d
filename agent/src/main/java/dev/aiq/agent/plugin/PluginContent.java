package dev.aiq.agent.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a plugins location held at one moment together with the exact bytes that were hashed: what a set's private
 * copy is written from. Held only while a set is built; the set keeps its {@link PluginSnapshot}. Internal.
 *
 * @param snapshot the files as read
 * @param bytes    for each of the snapshot's files, in the same order, its bytes by name (see {@link PluginFile#read})
 */
record PluginContent(PluginSnapshot snapshot, List<Map<String, byte[]>> bytes) {

    PluginContent {
        bytes = List.copyOf(bytes);
    }

    /** Reads {@code location} now; a location that does not exist holds nothing. */
    static PluginContent read(Path location) throws IOException {
        List<PluginFile> files = new ArrayList<>();
        List<Map<String, byte[]>> bytes = new ArrayList<>();
        for (Path entry : PluginSnapshot.entries(location)) {
            Map<String, byte[]> read = new TreeMap<>();
            files.add(PluginFile.read(entry, read));
            bytes.add(read);
        }
        return new PluginContent(new PluginSnapshot(location, files), bytes);
    }
}
