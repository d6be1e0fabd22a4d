package dev.aiq.sample.testing;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a running process exposes, seen from outside it: the TCP ports it listens on (read from {@code /proc}, so no
 * tool is needed) and, for a JVM, its system properties (read through the Attach API, as the aiq-dev tool reads
 * them).
 *
 * <pre>{@code
 * Set<Integer> before = ProcessSockets.listeningTcpPorts(pid);
 * String socket = ProcessSockets.systemProperties(pid).getProperty("aiq.dev.control");
 * }</pre>
 */
public final class ProcessSockets {

    private static final Pattern SOCKET_LINK = Pattern.compile("socket:\\[(\\d+)]");
    private static final String LISTEN = "0A";

    private ProcessSockets() {
    }

    /**
     * Returns the TCP ports (IPv4 and IPv6) that process {@code pid} listens on: the {@code LISTEN} entries of
     * {@code /proc/<pid>/net/tcp} and {@code tcp6} whose socket the process holds open (those files list the whole
     * network namespace, so each entry's inode is matched against the links in {@code /proc/<pid>/fd}).
     */
    public static Set<Integer> listeningTcpPorts(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            Set<String> inodes = socketInodes(proc.resolve("fd"));
            Set<Integer> ports = new TreeSet<>();
            for (String table : List.of("tcp", "tcp6")) {
                Path file = proc.resolve("net").resolve(table);
                if (Files.isReadable(file)) {
                    ports.addAll(listening(Files.readAllLines(file), inodes));
                }
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sockets of process " + pid, e);
        }
    }

    /** Returns the system properties of the JVM {@code pid} (another JVM of this user). */
    public static Properties systemProperties(long pid) {
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                return vm.getSystemProperties();
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException e) {
            throw new IllegalStateException("cannot attach to " + pid + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the system properties of " + pid, e);
        }
    }

    private static Set<String> socketInodes(Path fdDirectory) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDirectory)) {
            for (Path fd : fds) {
                try {
                    Matcher socket = SOCKET_LINK.matcher(Files.readSymbolicLink(fd).toString());
                    if (socket.matches()) {
                        inodes.add(socket.group(1));
                    }
                } catch (NoSuchFileException closedMeanwhile) {
                    // the descriptor was closed while we listed them
                }
            }
        }
        return inodes;
    }

    /** Lines look like {@code 0: 0100007F:AE28 00000000:0000 0A ... uid timeout inode ...} after a header line. */
    private static Set<Integer> listening(List<String> lines, Set<String> inodes) {
        Set<Integer> ports = new TreeSet<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length > 9 && fields[3].equals(LISTEN) && inodes.contains(fields[9])) {
                String local = fields[1];
                ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16));
            }
        }
        return ports;
    }
}
