package dev.aiq.agent.yaml;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link YamlReader} read: an immutable result. Internal.
 *
 * @param root      the root config file as given (absolute, not symlink-resolved)
 * @param tree      the merged tree (includes, {@code base:}, {@code file://} and {@code ${VAR}} resolved): unmodifiable
 *                  maps with insertion order, unmodifiable lists, and scalars (String, Boolean, Integer, Long,
 *                  BigInteger, Double, null); an empty document gives an empty map
 * @param files     every file read, root first, as absolute paths as they were named (the watcher resolves symlinks)
 * @param sources   the text of every file read, by the same paths, for history and diffs
 * @param sha256    lowercase hex SHA-256 over every file's path and bytes, in reading order: equal input, equal hash
 * @param positions the position of every key by dotted path ({@code llms.nim_llm.temperature}); list items as
 *                  {@code tool_names[0]}
 * @param warnings  non-fatal findings, for example an unset {@code ${VAR}} without a default
 */
public record ReadResult(Path root, Map<String, Object> tree, List<Path> files, Map<Path, String> sources,
                         String sha256, Map<String, Position> positions, List<ConfigError> warnings) {

    /**
     * {@code message} at the key {@code path}, or at its nearest ancestor the file has (an override may add a key),
     * or at the root file without a position.
     */
    public ConfigError errorAt(String path, String message) {
        for (String p = path; !p.isEmpty(); p = parent(p)) {
            Position at = positions.get(p);
            if (at != null) {
                return new ConfigError(at.file(), at.line(), at.column(), message);
            }
        }
        return ConfigError.in(root, message);
    }

    private static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? "" : path.substring(0, cut);
    }
}
