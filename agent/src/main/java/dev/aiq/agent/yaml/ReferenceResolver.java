package dev.aiq.agent.yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Finds the file an {@code !include}, a {@code base:} or a {@code file://} names, as the toolkit does: relative to the
 * real directory of the file that names it (symlinks of that file resolved), or absolute; then confined to the
 * {@link ProjectRoot} on the name and on the real path, and for {@code file://} limited to prompt-like extensions.
 * Internal.
 */
final class ReferenceResolver {

    /** How a file is referred to; decides the wording of problems. */
    enum Kind {
        INCLUDE("included file", "!include needs a file name"),
        BASE("base file", "'base' needs a file name"),
        TEXT("referenced file", "file:// needs a file name");

        final String noun;
        final String blank;

        Kind(String noun, String blank) {
            this.noun = noun;
            this.blank = blank;
        }

        String label(String reference) {
            return switch (this) {
                case INCLUDE -> "include " + Text.quote(reference);
                case BASE -> "base " + Text.quote(reference);
                case TEXT -> Text.quote(FileReferences.PREFIX + reference);
            };
        }
    }

    /** A file found: as it will be named (watched, shown) and its real path. */
    record Target(Path file, Path real) {
    }

    /** Where problems go. */
    @FunctionalInterface
    interface Problems {
        void error(Position at, String message);
    }

    private final ProjectRoot root;
    private final Problems problems;
    private final Set<Path> referenced = new LinkedHashSet<>();
    private final Map<Path, Path> realPaths = new HashMap<>();

    ReferenceResolver(ProjectRoot root, Problems problems) {
        this.root = root;
        this.problems = problems;
    }

    /** Records that {@code file}, read as named, is {@code real}: references in it are relative to real's directory. */
    void known(Path file, Path real) {
        realPaths.put(file, real);
        referenced.add(file);
    }

    /** Every file reached or tried, as named, in order. */
    Set<Path> referenced() {
        return referenced;
    }

    ProjectRoot root() {
        return root;
    }

    /** Returns the target of {@code reference} written in {@code from}, or null after recording why it cannot be used. */
    Target resolve(Path from, String reference, Kind kind, Position at) {
        if (reference == null) {
            return null;
        }
        if (reference.isBlank()) {
            problems.error(at, kind.blank);
            return null;
        }
        Path named;
        Path toolkit;
        try {
            Path written = Path.of(reference);
            named = from.resolveSibling(written).normalize();
            toolkit = realPaths.getOrDefault(from, from).resolveSibling(written);
        } catch (InvalidPathException e) {
            problems.error(at, kind.label(reference) + " is not a valid path");
            return null;
        }
        referenced.add(named);
        // Checked on the names first, so that nothing outside is even looked at, then on the real paths.
        if (kind == Kind.TEXT && !FileReferences.allowed(fileName(named))) {
            problems.error(at, notAPrompt(kind.label(reference), named));
            return null;
        }
        if (!root.containsName(named) && !root.containsName(toolkit.normalize())) {
            problems.error(at, kind.label(reference) + " " + root.outside());
            return null;
        }
        Path real;
        try {
            real = toolkit.toRealPath();
        } catch (NoSuchFileException e) {
            problems.error(at, kind.noun + " " + Text.quote(reference) + " does not exist");
            return null;
        } catch (IOException e) {
            problems.error(at, kind.noun + " " + Text.quote(reference) + " cannot be read: " + Text.reason(e));
            return null;
        }
        if (!root.containsReal(real)) {
            problems.error(at, kind.label(reference) + " resolves to " + Text.escape(real.toString()) + ", which "
                    + root.outside());
            return null;
        }
        if (kind == Kind.TEXT && !FileReferences.allowed(fileName(real))) {
            problems.error(at, notAPrompt(kind.label(reference) + " (it resolves to " + Text.escape(real.toString())
                    + ")", real));
            return null;
        }
        if (Files.isDirectory(real)) {
            problems.error(at, kind.noun + " " + Text.quote(reference) + " is a directory, not a file");
            return null;
        }
        // Named as written when that is the same file, so that the watcher follows the links the developer sees.
        Path file = sameFile(named, real) ? named : real;
        known(file, real);
        return new Target(file, real);
    }

    private static boolean sameFile(Path named, Path real) {
        try {
            return named.toRealPath().equals(real);
        } catch (IOException e) {
            return false;
        }
    }

    private static String fileName(Path path) {
        Path name = path.getFileName();
        return name == null ? "" : name.toString();
    }

    private static String notAPrompt(String label, Path file) {
        String suffix = FileReferences.suffix(fileName(file));
        return label + " is not a prompt file (" + (suffix.isEmpty() ? "no extension" : Text.quote(suffix))
                + "): file:// reads only " + String.join(", ", FileReferences.EXTENSIONS);
    }
}
