package dev.aiq.agent.cli;

import dev.aiq.agent.control.PeerCredentials;
import dev.aiq.agent.control.SocketLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the control socket of a JVM where its agent made it, without attaching: the agent binds
 * {@code <base>/aiq-dev-<uid>-<random>/<pid>.sock} with {@code <base>} its {@code $XDG_RUNTIME_DIR}, its
 * {@code java.io.tmpdir} or {@code /tmp} (see {@link SocketLocation}). Those are read from the process
 * ({@code /proc/<pid>/environ} and {@code cmdline}, which its own user may read), also through its root for a JVM in
 * a container. A socket counts only where its owner could have put it (the process's user owns it and its 0700
 * directory), as for a published one. Attaching to read {@code aiq.dev.control} costs the target an attach listener
 * thread and this CLI a few hundred milliseconds; this costs a directory listing. Internal.
 */
final class ControlSockets {

    private ControlSockets() {
    }

    /** The control socket {@code pid}'s agent listens on, or null when none is found (then attach to ask). */
    static Path of(long pid) {
        UserPrincipal owner = owner(pid);
        Long uid = uid(pid);
        if (owner == null || uid == null) {
            return null;
        }
        String name = TargetVm.namespacePid(pid) + ".sock";
        String prefix = SocketLocation.directoryPrefix(Long.toString(uid));
        // a socket older than the process is a crashed JVM's of the same pid, which nobody serves (a margin: the
        // start time Linux gives is the boot time, in whole seconds, plus ticks)
        FileTime bornAt = ProcessHandle.of(pid).flatMap(process -> process.info().startInstant())
                .map(start -> FileTime.from(start.minusSeconds(5))).orElse(null);
        Path found = null;
        FileTime newest = null;
        for (Path base : bases(pid)) {
            try (DirectoryStream<Path> directories = Files.newDirectoryStream(base, prefix + "*")) {
                for (Path directory : directories) {
                    Path socket = directory.resolve(name);
                    FileTime made = ownSocket(socket, owner);
                    if (made != null && (bornAt == null || made.compareTo(bornAt) >= 0)
                            && (newest == null || made.compareTo(newest) > 0)) {
                        found = socket;
                        newest = made;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such base, or not readable: the next
            }
        }
        return found;
    }

    /** When {@code socket} was made, if it is a socket of {@code owner} in a private directory; else null. */
    private static FileTime ownSocket(Path socket, UserPrincipal owner) {
        try {
            if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            SocketLocation.checkOwnedBy(socket, owner);
            return Files.getLastModifiedTime(socket, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The directories the agent of {@code pid} may have put its socket directory in, seen from here. */
    private static List<Path> bases(long pid) {
        Set<String> bases = new LinkedHashSet<>();
        String runtimeDir = environment(pid, "XDG_RUNTIME_DIR");
        if (runtimeDir != null && runtimeDir.startsWith("/")) {
            bases.add(runtimeDir);
        }
        String tmpdir = systemPropertyArgument(pid, "java.io.tmpdir");
        if (tmpdir != null && tmpdir.startsWith("/")) {
            bases.add(tmpdir);
        }
        bases.add("/tmp");
        List<Path> paths = new ArrayList<>();
        Path root = Path.of("/proc", Long.toString(pid), "root");
        boolean sameNamespace = TargetVm.sameNamespace(pid);
        for (String base : bases) {
            paths.add(Path.of(base));
            if (!sameNamespace) {
                paths.add(root.resolve(base.substring(1)));
            }
        }
        return paths;
    }

    /** A variable of {@code pid}'s environment, or null. */
    private static String environment(long pid, String variable) {
        for (String entry : nulSeparated(Path.of("/proc", Long.toString(pid), "environ"))) {
            if (entry.startsWith(variable + "=")) {
                return entry.substring(variable.length() + 1);
            }
        }
        return null;
    }

    /** The value of a {@code -Dname=value} on {@code pid}'s command line, or null. */
    private static String systemPropertyArgument(long pid, String name) {
        String value = null;
        for (String argument : nulSeparated(Path.of("/proc", Long.toString(pid), "cmdline"))) {
            if (argument.startsWith("-D" + name + "=")) {
                value = argument.substring(name.length() + 3);
            }
        }
        return value;
    }

    private static List<String> nulSeparated(Path file) {
        try {
            return List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\0"));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static UserPrincipal owner(long pid) {
        return PeerCredentials.ownerOfProcess(pid);
    }

    private static Long uid(long pid) {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc", Long.toString(pid)), "unix:uid")).longValue();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
