package dev.aiq.agent.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The string counters of a HotSpot JVM's performance data file ({@code /tmp/hsperfdata_<user>/<pid>}), read as
 * {@code jps} reads them: the file is shared memory the JVM keeps up to date for tools, so reading it touches
 * nothing in the JVM (no attach listener starts, no signal is sent). Only the counters asked for are decoded.
 * Internal.
 *
 * <p>The layout (HotSpot's {@code perfMemory.hpp}, version 2.0 since JDK 6): a 32-byte prologue (magic
 * {@code 0xcafec0c0}, byte order, version, {@code entry_offset}, {@code num_entries}), then entries of
 * {@code entry_length, name_offset, vector_length, data_type, flags, data_units, data_variability, data_offset}
 * with the name and the data inside the entry.
 */
final class PerfData {

    /** The main class or jar and its arguments. */
    static final String COMMAND = "sun.rt.javaCommand";
    /** The target's {@code java.version}. */
    static final String JAVA_VERSION = "java.property.java.version";
    /** The JVM's own arguments ({@code -D…}, {@code -XX:…}). */
    static final String VM_ARGUMENTS = "java.rt.vmArgs";

    private static final int MAGIC = 0xcafec0c0;
    private static final int PROLOGUE = 32;
    private static final byte STRING_TYPE = 'B';

    private PerfData() {
    }

    /** The directories the JVMs of every user publish their data in: {@code <tmp>/hsperfdata_*}. */
    static Path root() {
        return Path.of("/tmp");
    }

    /**
     * Reads {@code names} from {@code file}; a counter the file lacks is absent from the map.
     *
     * @throws IOException when the file cannot be read or is not performance data
     */
    static Map<String, String> read(Path file, Set<String> names) throws IOException {
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(file));
        if (data.limit() < PROLOGUE || data.getInt(0) != MAGIC) {
            throw new IOException(file + " is not HotSpot performance data");
        }
        data.order(data.get(4) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int entry = data.getInt(24);
        int count = data.getInt(28);
        Map<String, String> found = new HashMap<>();
        for (int i = 0; i < count && found.size() < names.size(); i++) {
            if (entry < PROLOGUE || entry + 20 > data.limit()) {
                break;
            }
            int length = data.getInt(entry);
            if (length <= 0 || entry + length > data.limit()) {
                break;
            }
            String name = text(data, entry + data.getInt(entry + 4), entry + length);
            if (names.contains(name) && data.get(entry + 12) == STRING_TYPE) {
                int start = entry + data.getInt(entry + 16);
                found.put(name, text(data, start, Math.min(entry + length, start + data.getInt(entry + 8))));
            }
            entry += length;
        }
        return found;
    }

    /** The NUL-terminated text at {@code start}, not beyond {@code end}. */
    private static String text(ByteBuffer data, int start, int end) {
        int stop = start;
        while (stop < end && stop < data.limit() && data.get(stop) != 0) {
            stop++;
        }
        byte[] bytes = new byte[Math.max(0, stop - start)];
        data.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
