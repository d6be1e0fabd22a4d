package dev.aiq.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.aiq.agent.control.ControlPlane;
import dev.aiq.agent.control.PeerCredentials;
import java.io.IOException;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds running JVMs of this OS user through the Attach API: lists them like {@code jps}, reads their properties in
 * parallel with a time-out, and picks one by pid or by a substring of its display name. Only JVMs of this user are
 * listed or matched by a substring, even as root (a look-alike JVM of another user is never picked); another user's
 * JVM is reached only by its pid, given explicitly. The command line's own JVM is never listed. Internal.
 */
final class JvmLocator {

    /** Time allowed to read the properties of every JVM listed, all in parallel. */
    static final Duration INSPECT_TIMEOUT = Duration.ofSeconds(3);

    private JvmLocator() {
    }

    /** The JVMs of this OS user running now, by pid, without this one; properties not read. */
    static List<Jvm> running() {
        UserPrincipal me = self();
        return allRunning().stream()
                .filter(jvm -> me != null && me.equals(PeerCredentials.ownerOfProcess(jvm.pid())))
                .toList();
    }

    /** The JVMs of every user the Attach API lists (root sees them all), by pid, without this one. */
    private static List<Jvm> allRunning() {
        long self = ProcessHandle.current().pid();
        List<Jvm> jvms = new ArrayList<>();
        for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
            long pid = parsePid(descriptor.id());
            if (pid > 0 && pid != self) {
                jvms.add(Jvm.of(pid, descriptor.displayName()));
            }
        }
        jvms.sort(Comparator.comparingLong(Jvm::pid));
        return jvms;
    }

    private static UserPrincipal self() {
        try {
            return PeerCredentials.self();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Reads {@code java.version} and {@code aiq.dev.control} of every JVM in parallel; a JVM that does not answer
     * within {@code timeout} (all together) is returned without them.
     */
    static List<Jvm> inspect(List<Jvm> jvms, Duration timeout) {
        ExecutorService pool = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "aiq-dev-list");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Jvm>> answers = new ArrayList<>();
            for (Jvm jvm : jvms) {
                answers.add(pool.submit(() -> readProperties(jvm)));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            List<Jvm> inspected = new ArrayList<>();
            for (int i = 0; i < jvms.size(); i++) {
                inspected.add(awaitAnswer(answers.get(i), jvms.get(i), deadline));
            }
            return inspected;
        } finally {
            // a JVM that hangs in attach keeps its daemon thread; nobody waits for it
            pool.shutdownNow();
        }
    }

    /**
     * Picks the JVM {@code query} names: a number is a pid (of any user); anything else must be a substring of exactly
     * one display name among this user's JVMs (aiq-dev command lines excluded: their own arguments contain the query).
     *
     * @throws CliException exit 1 when nothing matches, exit 2 (listing the candidates) when several do
     */
    static Jvm locate(String query) throws CliException {
        if (query.chars().allMatch(Character::isDigit) && !query.isEmpty()) {
            long pid = parsePid(query);
            if (pid <= 0 || ProcessHandle.of(pid).isEmpty()) {
                throw CliException.failure("no process with pid " + query);
            }
            return allRunning().stream().filter(jvm -> jvm.pid() == pid).findFirst().orElse(Jvm.of(pid, ""));
        }
        return select(query, running());
    }

    /** Picks the one JVM of {@code jvms} whose display name contains {@code query}. */
    static Jvm select(String query, List<Jvm> jvms) throws CliException {
        List<Jvm> matches = jvms.stream()
                .filter(jvm -> !jvm.isAiqDevCommandLine() && jvm.displayName().contains(query))
                .toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw CliException.failure("no running JVM matches '" + SafeOutput.commandLine(query)
                    + "' (aiq-dev list shows them)");
        }
        StringBuilder message = new StringBuilder("'").append(SafeOutput.commandLine(query)).append("' matches ").append(matches.size())
                .append(" JVMs; give a pid or a longer substring:");
        matches.forEach(jvm -> message.append(System.lineSeparator()).append("  ").append(jvm.describe()));
        throw new CliException(CliException.USAGE, message.toString());
    }

    private static Jvm readProperties(Jvm jvm) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(jvm.pid()));
        try {
            Properties properties = vm.getSystemProperties();
            return jvm.with(properties.getProperty("java.version"),
                    properties.getProperty(ControlPlane.SOCKET_PROPERTY));
        } finally {
            vm.detach();
        }
    }

    private static Jvm awaitAnswer(Future<Jvm> answer, Jvm unanswered, long deadline) {
        try {
            return answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return unanswered;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unanswered;
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
