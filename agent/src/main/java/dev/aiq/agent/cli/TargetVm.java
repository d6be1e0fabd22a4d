package dev.aiq.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.aiq.agent.control.ControlPlane;
import dev.aiq.agent.control.PeerCredentials;
import dev.aiq.agent.control.SocketLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * One JVM attached to through the Attach API: reads its properties and loads the agent into it, turning every
 * failure into a message that says what to do. Trusts only the target's own user: an attach socket
 * ({@code .java_pid<pid>}) that another user made is refused before attaching (the JDK itself does not check this
 * for root), and a published control socket ({@value ControlPlane#SOCKET_PROPERTY}) must be named after the target's
 * pid and lie in a 0700 directory of the target's user. Close it to detach. Internal.
 */
final class TargetVm implements AutoCloseable {

    /** The JVM flag that lets an agent load into a running JDK 21+ without a warning. */
    static final String DYNAMIC_LOADING_FLAG = "-XX:+EnableDynamicAgentLoading";

    /** The JVM flag that forbids it: attaching then fails. */
    static final String NO_DYNAMIC_LOADING_FLAG = "-XX:-EnableDynamicAgentLoading";

    /** Longest wait for the target's attach listener (the JDK itself gives up after about 10 s). */
    static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(15);
    /** Longest wait for one request over the attach socket: reading properties, loading the agent. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Jvm jvm;
    private final VirtualMachine vm;

    private TargetVm(Jvm jvm, VirtualMachine vm) {
        this.jvm = jvm;
        this.vm = vm;
    }

    /**
     * Attaches to {@code jvm}.
     *
     * @throws CliException when the JVM cannot be attached to, saying why (gone, another user, attach disabled)
     */
    static TargetVm attach(Jvm jvm) throws CliException {
        checkAttachSocket(jvm);
        AttachListener.start(jvm.pid());
        checkAttachSocket(jvm);
        try {
            return new TargetVm(jvm, Deadline.run(ATTACH_TIMEOUT, "attach to " + jvm.describe(),
                    () -> VirtualMachine.attach(Long.toString(jvm.pid()))));
        } catch (AttachNotSupportedException | IOException e) {
            throw cannotAttach(jvm, e);
        } catch (Deadline.Expired e) {
            throw CliException.failure(e.getMessage());
        } catch (Exception e) {
            throw cannotAttach(jvm, e);
        }
    }

    /**
     * The target's system properties.
     *
     * @throws CliException when they cannot be read, or the control socket they name is not the target's own
     */
    Properties systemProperties() throws CliException {
        Properties properties;
        try {
            properties = Deadline.run(CALL_TIMEOUT, "read the properties of " + jvm.describe(),
                    vm::getSystemProperties);
        } catch (Deadline.Expired e) {
            throw CliException.failure(e.getMessage());
        } catch (Exception e) {
            throw CliException.failure("cannot read the properties of " + jvm.describe() + ": " + gone(e));
        }
        String published = properties.getProperty(ControlPlane.SOCKET_PROPERTY);
        if (published != null) {
            checkPublishedSocket(published);
        }
        return properties;
    }

    /**
     * Refuses an attach socket of {@code jvm} that belongs to another user than the process: someone made it to
     * receive what this CLI sends (as root the JDK connects to it without asking).
     */
    static void checkAttachSocket(Jvm jvm) throws CliException {
        UserPrincipal owner = PeerCredentials.ownerOfProcess(jvm.pid());
        if (owner == null) {
            return;
        }
        for (Path socket : attachSockets(jvm.pid())) {
            UserPrincipal socketOwner;
            try {
                socketOwner = Files.getOwner(socket, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                continue;
            }
            if (!socketOwner.equals(owner)) {
                throw CliException.failure("refused: the attach socket " + socket + " of " + jvm.describe()
                        + " belongs to " + socketOwner.getName() + ", not to " + owner.getName()
                        + ", who runs the process; nothing was sent");
            }
        }
    }

    /** Where the JDK looks for the attach socket of {@code pid}: the target's own /tmp, and this one's. */
    private static List<Path> attachSockets(long pid) {
        long namespacePid = namespacePid(pid);
        return List.of(Path.of("/proc", Long.toString(pid), "root", "tmp", ".java_pid" + namespacePid),
                Path.of("/tmp", ".java_pid" + pid));
    }

    /** The pid of {@code pid} inside its own pid namespace (the last {@code NSpid} in its status), or pid. */
    static long namespacePid(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("NSpid:")) {
                    String[] pids = line.substring("NSpid:".length()).trim().split("\\s+");
                    return Long.parseLong(pids[pids.length - 1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone: the pid as given
        }
        return pid;
    }

    /** Refuses a control socket path that the target could not have made for itself. */
    private void checkPublishedSocket(String published) throws CliException {
        Path socket = Path.of(published);
        UserPrincipal owner = PeerCredentials.ownerOfProcess(jvm.pid());
        boolean sameNamespace = sameNamespace(jvm.pid());
        String refusal = null;
        if (!socket.isAbsolute()) {
            refusal = "is not an absolute path";
        } else if (sameNamespace && SocketLocation.pidOf(socket) != jvm.pid()) {
            refusal = "is not named after its pid (" + jvm.pid() + ".sock): it may be another process's";
        } else if (owner != null) {
            Path reachable = sameNamespace ? socket
                    : Path.of("/proc", Long.toString(jvm.pid()), "root").resolve(socket.toString().substring(1));
            try {
                if (Files.exists(reachable, LinkOption.NOFOLLOW_LINKS)) {
                    SocketLocation.checkOwnedBy(reachable, owner);
                }
            } catch (IOException e) {
                refusal = "is not its own: " + e.getMessage();
            }
        }
        if (refusal != null) {
            throw CliException.failure("refused: the control socket " + dev.aiq.agent.mask.Masking.escape(published)
                    + " that " + jvm.describe() + " publishes " + refusal + "; nothing was sent");
        }
    }

    /** Whether {@code pid} shares this process's pid namespace (true when that cannot be told). */
    static boolean sameNamespace(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/ns/pid"))
                    .equals(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "pid")));
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** The target's JVM arguments ({@code sun.jvm.args}), or an empty string when it does not say. */
    String jvmArguments() {
        try {
            return Deadline.run(CALL_TIMEOUT, "read the JVM arguments", vm::getAgentProperties)
                    .getProperty("sun.jvm.args", "");
        } catch (Exception e) {
            return "";
        }
    }

    /**
     * Loads the agent jar with {@code options}; returns once the agent's {@code agentmain} has returned.
     *
     * @throws CliException when the target refuses the agent or the agent fails to start
     */
    void loadAgent(Path agentJar, String options, int targetFeature) throws CliException {
        try {
            Deadline.run(CALL_TIMEOUT, "load aiq-dev into " + jvm.describe(), () -> {
                vm.loadAgent(agentJar.toString(), options);
                return null;
            });
        } catch (Deadline.Expired e) {
            throw CliException.failure(e.getMessage());
        } catch (AgentLoadException e) {
            String reason = String.valueOf(e.getMessage());
            String hint = targetFeature >= 21 && !reason.contains("EnableDynamicAgentLoading")
                    ? "; start the target with " + DYNAMIC_LOADING_FLAG
                    : "";
            throw CliException.failure(jvm.describe() + " refused the agent: " + reason + hint);
        } catch (AgentInitializationException e) {
            throw CliException.failure("aiq-dev failed to start in " + jvm.pid() + " (agentmain returned "
                    + e.returnValue() + "); the target's standard error says why");
        } catch (Exception e) {
            throw CliException.failure("cannot load aiq-dev into " + jvm.describe() + ": " + gone(e));
        }
    }

    /** Why a call failed: the exception's message, or that the process ended meanwhile. */
    private String gone(Exception e) {
        boolean alive = ProcessHandle.of(jvm.pid()).map(ProcessHandle::isAlive).orElse(false);
        return alive ? String.valueOf(e.getMessage()) : "the process ended meanwhile";
    }

    /** Detaches. */
    @Override
    public void close() {
        try {
            vm.detach();
        } catch (IOException e) {
            // the target went away: nothing left to detach from
        }
    }

    /** The feature release of a {@code java.specification.version} ("17", "25", "1.8" = 8), or 0. */
    static int featureOf(String specificationVersion) {
        if (specificationVersion == null) {
            return 0;
        }
        String version = specificationVersion.startsWith("1.") ? specificationVersion.substring(2)
                : specificationVersion;
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static CliException cannotAttach(Jvm jvm, Exception e) {
        ProcessHandle process = ProcessHandle.of(jvm.pid()).orElse(null);
        if (process == null || !process.isAlive()) {
            return CliException.failure("no process with pid " + jvm.pid());
        }
        String owner = process.info().user().orElse(null);
        String me = System.getProperty("user.name");
        if (owner != null && !owner.equals(me) && !"root".equals(me)) {
            return CliException.failure(jvm.describe() + " belongs to user " + owner
                    + "; the Attach API only connects processes of the same OS user: run aiq-dev as " + owner);
        }
        return CliException.failure("cannot attach to " + jvm.describe() + ": " + e.getMessage()
                + " (is it a JVM, still starting, or started with -XX:+DisableAttachMechanism?)");
    }
}
