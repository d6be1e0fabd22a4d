package dev.aiq.agent.cli;

import dev.aiq.agent.control.PeerCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds running JVMs without touching them: like {@code jps}, from the performance data every HotSpot JVM publishes
 * ({@code /tmp/hsperfdata_<user>/<pid>}, see {@link PerfData}), and picks one by pid or by a substring of its display
 * name. Only JVMs of this OS user are listed or matched by a substring, even as root (a look-alike JVM of another
 * user is never picked); another user's JVM is reached only by its pid, given explicitly. The command line's own JVM
 * is never listed. A pid that is not a JVM is refused at once: attaching to it would wait 10 s for an answer that
 * never comes, after sending it a SIGQUIT that may end it. Internal.
 */
final class JvmLocator {

    private static final Set<String> LISTED = Set.of(PerfData.COMMAND, PerfData.JAVA_VERSION);

    private JvmLocator() {
    }

    /** The JVMs of this OS user running now, by pid, without this one; with their Java version. */
    static List<Jvm> running() {
        UserPrincipal me = self();
        return allRunning().stream()
                .filter(jvm -> me != null && me.equals(PeerCredentials.ownerOfProcess(jvm.pid())))
                .toList();
    }

    /** The JVMs of every user whose performance data this user can read (root: all), by pid, without this one. */
    private static List<Jvm> allRunning() {
        long self = ProcessHandle.current().pid();
        List<Jvm> jvms = new ArrayList<>();
        try (DirectoryStream<Path> users = Files.newDirectoryStream(PerfData.root(), "hsperfdata_*")) {
            for (Path user : users) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(user)) {
                    for (Path file : files) {
                        long pid = parsePid(file.getFileName().toString());
                        if (pid > 0 && pid != self && ProcessHandle.of(pid).isPresent()) {
                            Jvm jvm = fromPerfData(pid, file);
                            if (jvm != null) {
                                jvms.add(jvm);
                            }
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // another user's directory: not ours to list
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        jvms.sort(Comparator.comparingLong(Jvm::pid));
        return jvms;
    }

    /** The JVM {@code pid} from its own performance data (under its owner's name), or null. */
    private static Jvm ofPid(long pid) {
        UserPrincipal owner = PeerCredentials.ownerOfProcess(pid);
        if (owner == null || pid == ProcessHandle.current().pid()) {
            return null;
        }
        Path file = PerfData.root().resolve("hsperfdata_" + owner.getName()).resolve(Long.toString(pid));
        return Files.isRegularFile(file) ? fromPerfData(pid, file) : null;
    }

    private static Jvm fromPerfData(long pid, Path file) {
        try {
            Map<String, String> counters = PerfData.read(file, LISTED);
            return Jvm.of(pid, counters.get(PerfData.COMMAND)).with(counters.get(PerfData.JAVA_VERSION), null);
        } catch (IOException | RuntimeException e) {
            // a JVM that is just starting or ending, or a file that is not performance data
            return null;
        }
    }

    private static UserPrincipal self() {
        try {
            return PeerCredentials.self();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Picks the JVM {@code query} names: a number is a pid (of any user); anything else must be a substring of exactly
     * one display name among this user's JVMs (aiq-dev command lines excluded: their own arguments contain the query).
     *
     * @throws CliException exit 1 when nothing matches or the pid is not a JVM, exit 2 (listing the candidates) when
     *                      several match
     */
    static Jvm locate(String query) throws CliException {
        if (query.chars().allMatch(Character::isDigit) && !query.isEmpty()) {
            long pid = parsePid(query);
            if (pid <= 0 || ProcessHandle.of(pid).isEmpty()) {
                throw CliException.failure("no process with pid " + query);
            }
            Jvm listed = ofPid(pid);
            if (listed != null) {
                return listed;
            }
            if (!runsAJvm(pid)) {
                throw CliException.failure("process " + pid + commandName(pid) + " is not a Java VM (no HotSpot "
                        + "performance data, no libjvm loaded); aiq-dev list shows the JVMs");
            }
            return Jvm.of(pid, "");
        }
        return select(query, running());
    }

    /** Every JVM of this user whose display name contains {@code substring}, aiq-dev command lines excluded. */
    static List<Jvm> matching(String substring) {
        return matches(substring, running());
    }

    /** Picks the one JVM of {@code jvms} whose display name contains {@code query}. */
    static Jvm select(String query, List<Jvm> jvms) throws CliException {
        List<Jvm> matches = matches(query, jvms);
        if (matches.size() == 1) {
            return matches.get(0);
        }
        String hint = isFile(query) ? "; did you mean --config_file " + SafeOutput.commandLine(query) + "?" : "";
        if (matches.isEmpty()) {
            throw CliException.failure("no running JVM matches '" + SafeOutput.commandLine(query)
                    + "' (aiq-dev list shows them)" + hint);
        }
        StringBuilder message = new StringBuilder("'").append(SafeOutput.commandLine(query)).append("' matches ")
                .append(matches.size()).append(" JVMs; give a pid or a longer substring").append(hint).append(':');
        matches.forEach(jvm -> message.append(System.lineSeparator()).append("  ").append(jvm.describe()));
        throw new CliException(CliException.USAGE, message.toString());
    }

    private static List<Jvm> matches(String query, List<Jvm> jvms) {
        return jvms.stream().filter(jvm -> !jvm.isAiqDevCommandLine() && jvm.displayName().contains(query)).toList();
    }

    private static boolean isFile(String query) {
        try {
            return Files.isRegularFile(Path.of(query));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether {@code pid} runs a HotSpot JVM: it maps {@code libjvm}, or has performance data in its own /tmp. */
    static boolean runsAJvm(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        if (!Files.isDirectory(proc)) {
            // not Linux: let the Attach API tell
            return true;
        }
        try (var lines = Files.lines(proc.resolve("maps"), StandardCharsets.ISO_8859_1)) {
            return lines.anyMatch(line -> line.endsWith("/libjvm.so"));
        } catch (IOException | RuntimeException e) {
            // maps unreadable (another user, without root): let the Attach API tell
            return true;
        }
    }

    /** {@code " (bash)"}: the process's own name, or nothing. */
    private static String commandName(long pid) {
        try {
            return " (" + SafeOutput.commandLine(Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip())
                    + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static long parsePid(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
