package dev.aiq.agent.cli;

import dev.aiq.agent.control.ControlChannel;
import dev.aiq.agent.control.ControlPlane;
import dev.aiq.agent.mask.Masking;
import dev.aiq.agent.options.AttachVerdict;
import dev.aiq.agent.protocol.ConfigStatus;
import dev.aiq.agent.protocol.JvmStatus;
import dev.aiq.agent.protocol.WireJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Puts development mode into one JVM and says how that went: attach, load the agent with the options, read the
 * agent's verdict on them (refused: nothing applied, exit 2), wait for its control socket, then ask it until a config
 * is live or the agent says why none is (exit 1). Every step has a time-out, so a JVM that stops or dies mid-way
 * ends in a failure, never in a hang. Thread-safe: {@code attach --all} runs one per JVM in parallel. Internal.
 */
final class Attacher {

    /** How long the agent may take to open its control socket. */
    static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(15);
    /** How long an attached agent that waits for the provider's next call may take to become active. */
    static final Duration ACTIVATION_WAIT = Duration.ofSeconds(5);

    private static final long POLL_MILLIS = 10;
    /** How long a control socket that has just appeared may take to listen (it is bound, then listens). */
    private static final Duration LISTEN_WAIT = Duration.ofSeconds(3);
    /** How often the confirmation also asks the target itself (an attach operation) for its socket. */
    private static final Duration ASK_EVERY = Duration.ofMillis(250);

    private final Path agentJar;
    private final AttachOptionsFile options;
    private final Consumer<String> notes;

    /**
     * @param agentJar the jar to load
     * @param options  the agent's options, already checked by this CLI's own parser
     * @param notes    where notes go that are not the result (standard error)
     */
    Attacher(Path agentJar, AttachOptionsFile options, Consumer<String> notes) {
        this.agentJar = agentJar;
        this.options = options;
        this.notes = notes;
    }

    /**
     * Loads what the confirmation needs (the socket's classes, the protocol's records and their reader) on a daemon
     * thread, while this CLI waits for the target to attach and start: class loading taken off the end.
     */
    static void warmUp() {
        Thread thread = new Thread(() -> {
            try {
                ControlChannel.warmUp();
                decode(WireJson.reply("{\"ok\":true,\"result\":{\"active\":false,\"pid\":1,\"providers\":[],"
                        + "\"configs\":[{\"name\":\"x\",\"last\":{\"kind\":\"RELOAD\",\"changes\":[],\"timings\":{},"
                        + "\"at\":\"2026-01-01T00:00:00Z\"},\"plugins\":{\"jars\":[]}}]}}").get("result"));
            } catch (CliException | IOException | RuntimeException e) {
                // only a head start: the confirmation loads whatever is missing
            }
        }, "aiq-dev-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * How one attach ended.
     *
     * @param jvm           the target
     * @param exitCode      0 active, 1 loaded but not active, 2 options refused by the agent
     * @param line          what to tell the user, one line
     * @param alreadyActive whether dev mode was active before this attach
     * @param status        the agent's last status reply, or null
     */
    record Outcome(Jvm jvm, int exitCode, String line, boolean alreadyActive, Object status) {
    }

    /**
     * Attaches to {@code jvm}.
     *
     * @throws CliException when it cannot be attached to, or the agent cannot be loaded or reached
     */
    Outcome attach(Jvm jvm) throws CliException {
        try (TargetVm vm = TargetVm.attach(jvm)) {
            Timing.mark("attached");
            Properties before = vm.systemProperties();
            String socketBefore = before.getProperty(ControlPlane.SOCKET_PROPERTY);
            boolean activeBefore = socketBefore != null && isActive(jvm, socketBefore);
            int feature = TargetVm.featureOf(before.getProperty("java.specification.version"));
            String reference = load(vm, jvm, feature);
            Timing.mark("loaded");
            AttachVerdict verdict = AttachVerdict.decode(vm.systemProperties().getProperty(AttachVerdict.PROPERTY),
                    reference);
            if (verdict != null && verdict.refused()) {
                return new Outcome(jvm, CliException.USAGE, "aiq-dev in " + jvm.describe() + " refused the options, "
                        + "nothing was applied: " + Masking.text(String.join("; ", verdict.reasons())), activeBefore,
                        null);
            }
            return confirm(vm, jvm, activeBefore);
        }
    }

    private boolean isActive(Jvm jvm, String socket) {
        try {
            return status(ControlSession.at(jvm, socket)).active();
        } catch (CliException | RuntimeException e) {
            return false;
        }
    }

    /** Loads the agent; returns the options string it was given, which its verdict names. */
    private String load(TargetVm vm, Jvm jvm, int feature) throws CliException {
        String jvmArguments = vm.jvmArguments();
        if (feature >= 21 && !jvmArguments.contains(TargetVm.DYNAMIC_LOADING_FLAG)
                && !jvmArguments.contains(TargetVm.NO_DYNAMIC_LOADING_FLAG)) {
            notes.accept("note: " + jvm.pid() + " runs Java " + feature + ", which prints a warning when an agent is "
                    + "loaded into it; start it with " + TargetVm.DYNAMIC_LOADING_FLAG + " to allow this without one");
        }
        Path file;
        try {
            file = options.write(ProcessHandle.of(jvm.pid()).flatMap(p -> p.info().user()).orElse(null));
        } catch (IOException e) {
            throw CliException.failure("cannot write the agent's options to a temp file: " + e.getMessage());
        }
        String reference = AttachOptionsFile.reference(file);
        try {
            vm.loadAgent(agentJar, reference, feature);
        } finally {
            // agentmain has read it by the time loadAgent returns
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                notes.accept("note: could not delete " + file);
            }
        }
        return reference;
    }

    private Outcome confirm(TargetVm vm, Jvm jvm, boolean alreadyActive) throws CliException {
        String socket = awaitControlSocket(vm, jvm);
        if (socket == null) {
            String failure = vm.systemProperties().getProperty(ControlPlane.FAILURE_PROPERTY);
            throw CliException.failure("aiq-dev was loaded into " + jvm.describe() + " but its control socket did "
                    + "not open" + (failure == null ? " within " + CONFIRM_TIMEOUT.toSeconds()
                    + " s; the target's standard error says why" : ": " + Masking.text(failure)));
        }
        Timing.mark("socket");
        ControlSession session = ControlSession.at(jvm, socket);
        Object result = session.callJustOpened(WireJson.request("status"), LISTEN_WAIT);
        JvmStatus status = decode(result);
        // an app whose provider the agent could not call at once (its arguments were not on the command line)
        // becomes active at its next call: give it a moment before saying it did not
        long activeBy = System.nanoTime() + ACTIVATION_WAIT.toNanos();
        while (!status.active() && System.nanoTime() < activeBy && alive(jvm)) {
            pause();
            result = session.call(WireJson.request("status"));
            status = decode(result);
        }
        if (!status.active()) {
            return new Outcome(jvm, CliException.FAILURE, "aiq-dev is loaded in " + jvm.describe()
                    + " but not active: " + Masking.text(DevModeProbe.whyInactive(status)), alreadyActive, result);
        }
        Timing.mark("confirmed");
        if (alreadyActive) {
            return new Outcome(jvm, 0, "aiq-dev is already active in " + jvm.pid(), true, result);
        }
        List<String> watching = new ArrayList<>();
        for (ConfigStatus config : status.configs()) {
            if (config.active()) {
                watching.add(config.configFile() + ", generation " + config.generation());
            }
        }
        return new Outcome(jvm, 0, "aiq-dev active in " + jvm.describe() + ": watching " + String.join("; ", watching),
                false, result);
    }

    private static JvmStatus status(ControlSession session) throws CliException {
        return decode(session.call(WireJson.request("status")));
    }

    private static JvmStatus decode(Object result) throws CliException {
        return Replies.decode(result, JvmStatus.class);
    }

    private static boolean alive(Jvm jvm) {
        return ProcessHandle.of(jvm.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void pause() throws CliException {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failure("interrupted");
        }
    }

    private String awaitControlSocket(TargetVm vm, Jvm jvm) throws CliException {
        long deadline = System.nanoTime() + CONFIRM_TIMEOUT.toNanos();
        long nextAsk = System.nanoTime() + ASK_EVERY.toNanos();
        while (true) {
            // the socket appears where the agent makes it: a directory listing, where asking the target for its
            // system properties is an attach operation of tens of milliseconds; asked too, now and then, for a
            // socket elsewhere or the reason it did not start
            Path made = ControlSockets.of(jvm.pid());
            if (made != null) {
                return made.toString();
            }
            if (System.nanoTime() - nextAsk >= 0) {
                Properties properties = vm.systemProperties();
                String socket = properties.getProperty(ControlPlane.SOCKET_PROPERTY);
                if (socket != null || properties.getProperty(ControlPlane.FAILURE_PROPERTY) != null) {
                    return socket;
                }
                nextAsk = System.nanoTime() + ASK_EVERY.toNanos();
            }
            if (System.nanoTime() - deadline > 0) {
                return null;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
