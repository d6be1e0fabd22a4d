package dev.aiq.agent.cli;

import dev.aiq.agent.control.PeerCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Starts a HotSpot JVM's attach listener the way the JDK's own client does (a {@code .attach_pid<pid>} file in its
 * working directory, then {@code SIGQUIT}), but watches for the listener's socket every few milliseconds: the JDK
 * sleeps 100 ms before it first looks, and then 200, 300… so every attach costs at least that. Once the socket is
 * there, the JDK's client finds it and connects at once; everything else stays the JDK's.
 *
 * <p>Only where the JDK would send the signal itself: on Linux, to a JVM whose performance data says it accepts
 * attach (a JVM started with {@code -XX:+DisableAttachMechanism} says it does not, and is left to the JDK to refuse).
 * Whenever anything is off, it does nothing and the JDK's client does it all, as before. Internal.
 */
final class AttachListener {

    /** The performance counter whose first character is {@code 1} when the JVM accepts attach. */
    private static final String CAPABILITIES = "sun.rt.jvmCapabilities";
    /** Longest this waits for the socket; then the JDK's client waits (and signals again) on its own. */
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long POLL_MILLIS = 2;

    private AttachListener() {
    }

    /** Starts the attach listener of {@code pid}, unless it runs, cannot be told to, or should not be. */
    static void start(long pid) {
        try {
            long namespacePid = TargetVm.namespacePid(pid);
            Path socket = Path.of("/proc", Long.toString(pid), "root", "tmp", ".java_pid" + namespacePid);
            if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS) || !acceptsAttach(pid)) {
                return;
            }
            Path trigger = trigger(pid, namespacePid);
            if (trigger == null) {
                return;
            }
            try {
                if (!signalQuit(pid)) {
                    return;
                }
                long deadline = System.nanoTime() + WAIT_NANOS;
                while (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS) && System.nanoTime() - deadline < 0
                        && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    Thread.sleep(POLL_MILLIS);
                }
            } finally {
                // as the JDK does; a listener that did not start yet finds the JDK's own file when it retries
                Files.deleteIfExists(trigger);
            }
        } catch (IOException | RuntimeException e) {
            // the JDK's client does it all
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@code pid}'s performance data says it accepts attach (false when it cannot be read). */
    private static boolean acceptsAttach(long pid) throws IOException {
        UserPrincipal owner = PeerCredentials.ownerOfProcess(pid);
        if (owner == null || !Files.isDirectory(Path.of("/proc", Long.toString(pid)))) {
            return false;
        }
        Path file = PerfData.root().resolve("hsperfdata_" + owner.getName()).resolve(Long.toString(pid));
        if (!Files.isRegularFile(file)) {
            return false;
        }
        Map<String, String> counters = PerfData.read(file, Set.of(CAPABILITIES));
        String capabilities = counters.get(CAPABILITIES);
        return capabilities != null && capabilities.startsWith("1");
    }

    /** Makes the file the target's signal handler looks for, where the JDK makes it; null when it cannot. */
    private static Path trigger(long pid, long namespacePid) {
        String name = ".attach_pid" + namespacePid;
        for (Path candidate : new Path[] {Path.of("/proc", Long.toString(pid), "cwd", name),
            Path.of("/proc", Long.toString(pid), "root", "tmp", name)}) {
            try {
                Files.createFile(candidate);
                return candidate;
            } catch (IOException e) {
                // not writable there (or left by another client, which then signals itself): the next place
            }
        }
        return null;
    }

    /** Sends {@code SIGQUIT} with {@code kill}; false when it could not be sent. */
    private static boolean signalQuit(long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0;
    }
}
