package dev.aiq.agent.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The directories to watch for a set of files, each with the entry names in it whose events matter. Internal.
 *
 * <p>For every file: the directory it lives in, every directory that holds a link on its symlink chain (a
 * Kubernetes ConfigMap's {@code config.yml -> ..data/config.yml} and {@code ..data -> ..2026_11_27_xx}), and,
 * where a directory on the way does not exist, its nearest existing ancestor with the missing entry's name, so its
 * re-creation is seen. Every directory named is free of links.
 *
 * @param names the relevant entry names by directory, unmodifiable
 */
record WatchPlan(Map<Path, Set<String>> names) {

    static final WatchPlan EMPTY = new WatchPlan(Map.of());

    /** A link chain longer than this is treated as a loop, as the kernel does. */
    private static final int MAX_LINKS = 40;

    /** Plans the watch for absolute, normalized file paths, following their symlink chains as they are now. */
    static WatchPlan of(Collection<Path> files) {
        Map<Path, Set<String>> names = new LinkedHashMap<>();
        for (Path file : files) {
            new ChainWalk(names).resolve(file, true);
        }
        Map<Path, Set<String>> frozen = new LinkedHashMap<>();
        names.forEach((dir, entries) -> frozen.put(dir, Collections.unmodifiableSet(entries)));
        return new WatchPlan(Collections.unmodifiableMap(frozen));
    }

    /** The directories to register, in planning order. */
    Set<Path> directories() {
        return names.keySet();
    }

    /** The entry names that matter in {@code directory}, empty if it is not planned. */
    Set<String> namesIn(Path directory) {
        return names.getOrDefault(directory, Set.of());
    }

    /** Whether an event about entry {@code name} of {@code directory} can change a watched file. */
    boolean isRelevant(Path directory, String name) {
        return namesIn(directory).contains(name);
    }

    /** Resolves one path component by component like the kernel does, noting every entry the result depends on. */
    private static final class ChainWalk {

        private final Map<Path, Set<String>> names;
        private int links;

        ChainWalk(Map<Path, Set<String>> names) {
            this.names = names;
        }

        /**
         * Returns the link-free path that {@code path} leads to, or null where a component is missing or loops.
         *
         * @param leadsToFile whether the path names the watched file itself (its last entry is noted) rather than a
         *                    directory on the way to it
         */
        Path resolve(Path path, boolean leadsToFile) {
            Path current = path.getRoot();
            int count = path.getNameCount();
            for (int i = 0; i < count; i++) {
                String name = path.getName(i).toString();
                Path candidate = current.resolve(name);
                boolean theFile = leadsToFile && i == count - 1;
                if (Files.isSymbolicLink(candidate)) {
                    note(current, name);
                    current = follow(candidate, theFile);
                    if (current == null) {
                        return null;
                    }
                } else if (theFile) {
                    note(current, name);
                    return candidate;
                } else if (Files.isDirectory(candidate, LinkOption.NOFOLLOW_LINKS)) {
                    current = candidate;
                } else {
                    // Missing (or not a directory): its parent exists, so watch that for the name to appear.
                    note(current, name);
                    return null;
                }
            }
            return current;
        }

        private Path follow(Path link, boolean leadsToFile) {
            if (++links > MAX_LINKS) {
                return null;
            }
            try {
                // A relative target is relative to the directory holding the link; an absolute one replaces it.
                return resolve(link.resolveSibling(Files.readSymbolicLink(link)).normalize(), leadsToFile);
            } catch (IOException | UnsupportedOperationException e) {
                return null;
            }
        }

        private void note(Path directory, String name) {
            names.computeIfAbsent(directory, d -> new LinkedHashSet<>()).add(name);
        }
    }
}
