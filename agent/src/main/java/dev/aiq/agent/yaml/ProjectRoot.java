package dev.aiq.agent.yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The directory tree that {@code !include}, {@code base:} and {@code file://} may reach: the nearest ancestor of the
 * root config's directory that holds a project marker ({@code .git}, {@code pom.xml}, {@code build.gradle(.kts)},
 * {@code pyproject.toml}, {@code package.json}), else the config's own directory, widened by an explicit root (agent
 * option {@code root=}, {@code validate --root}). Checked on names and on real paths, so a symlink does not lead out.
 * Internal.
 */
final class ProjectRoot {

    /** The files and directories that mark a project's top directory. */
    static final List<String> MARKERS = List.of(".git", "pom.xml", "build.gradle", "build.gradle.kts", "pyproject.toml",
            "package.json");

    private final Path dir;
    private final Path realDir;
    private final Path explicit;
    private final Path realExplicit;
    private final String foundBy;

    private ProjectRoot(Path dir, Path realDir, Path explicit, Path realExplicit, String foundBy) {
        this.dir = dir;
        this.realDir = realDir;
        this.explicit = explicit;
        this.realExplicit = realExplicit;
        this.foundBy = foundBy;
    }

    /**
     * Finds the root of {@code configDir} (absolute, normalized), widened by {@code explicit} (null for none).
     *
     * @throws IOException when a directory cannot be resolved to its real path
     */
    static ProjectRoot find(Path configDir, Path explicit) throws IOException {
        Path dir = configDir;
        String foundBy = null;
        for (Path candidate = configDir; candidate != null && foundBy == null; candidate = candidate.getParent()) {
            for (String marker : MARKERS) {
                if (Files.exists(candidate.resolve(marker))) {
                    dir = candidate;
                    foundBy = marker;
                    break;
                }
            }
        }
        Path wide = explicit == null ? null : explicit.toAbsolutePath().normalize();
        return new ProjectRoot(dir, dir.toRealPath(), wide, wide == null ? null : wide.toRealPath(), foundBy);
    }

    /** Returns whether a path as named (absolute, normalized) lies inside; nothing on the disk is looked at. */
    boolean containsName(Path named) {
        return named.startsWith(dir) || named.startsWith(realDir)
                || (explicit != null && (named.startsWith(explicit) || named.startsWith(realExplicit)));
    }

    /** Returns whether a real path (symlinks resolved) lies inside. */
    boolean containsReal(Path real) {
        return real.startsWith(realDir) || (realExplicit != null && real.startsWith(realExplicit));
    }

    /** The root's directory as found (not widened). */
    Path dir() {
        return dir;
    }

    /** Says which root a reference left and how to widen it, for the end of a one-line message. */
    String outside() {
        String which = foundBy == null ? "the config's directory, no project marker above it" : "it has " + foundBy;
        String root = explicit == null ? Text.escape(dir.toString()) + " (" + which + ")"
                : Text.escape(dir.toString()) + " or " + Text.escape(explicit.toString());
        return "is outside the project root " + root + "; widen it with the agent option root=<dir> or validate --root"
                + " <dir>";
    }
}
