package dev.aiq.agent.cli;

import dev.aiq.agent.control.ControlChannel;
import dev.aiq.agent.control.ControlPlane;
import dev.aiq.agent.protocol.ErrorCode;
import dev.aiq.agent.protocol.WireJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The control socket of one target, found from a pid, a substring, or the socket path itself; every call opens a
 * fresh connection, so a long interactive session survives the plane's idle time-out. Internal.
 */
final class ControlSession {

    private final Jvm jvm;
    private final Path socket;

    private ControlSession(Jvm jvm, Path socket) {
        this.jvm = jvm;
        this.socket = socket;
    }

    /**
     * Finds the control socket of {@code target}: a pid or a substring (read from the target's
     * {@value ControlPlane#SOCKET_PROPERTY} through the Attach API), or the path of a {@code .sock} file.
     *
     * @throws CliException when no JVM matches, or development mode is not active in it
     */
    static ControlSession open(String target) throws CliException {
        if (target.endsWith(".sock") && Files.exists(Path.of(target))) {
            return new ControlSession(null, Path.of(target));
        }
        return open(JvmLocator.locate(target));
    }

    /**
     * Finds the control socket of {@code jvm}: where its agent makes it ({@link ControlSockets}), else as it publishes
     * it in {@value ControlPlane#SOCKET_PROPERTY} (read through the Attach API, which also says why there is none).
     */
    static ControlSession open(Jvm jvm) throws CliException {
        Path found = ControlSockets.of(jvm.pid());
        if (found != null) {
            return new ControlSession(jvm, found);
        }
        AttachSupport.require();
        String socket;
        String failure;
        try (TargetVm vm = TargetVm.attach(jvm)) {
            java.util.Properties properties = vm.systemProperties();
            socket = properties.getProperty(ControlPlane.SOCKET_PROPERTY);
            failure = properties.getProperty(ControlPlane.FAILURE_PROPERTY);
        }
        if (socket == null) {
            throw CliException.failure("dev mode is not active in " + jvm.describe() + (failure != null
                    ? ": its control socket could not start: " + dev.aiq.agent.mask.Masking.text(failure)
                    : "; use aiq-dev attach " + jvm.pid()));
        }
        return at(jvm, socket);
    }

    /** The session to {@code jvm}'s socket at {@code socket}: the value of its {@code aiq.dev.control}. */
    static ControlSession at(Jvm jvm, String socket) {
        return new ControlSession(jvm, reachable(jvm.pid(), Path.of(socket)));
    }

    /**
     * Sends {@code request} and returns the reply's result, as data ({@link WireJson#asData}).
     *
     * @throws CliException when the socket cannot be reached or the agent answers with an error
     */
    Object call(Map<String, Object> request) throws CliException {
        return reply(request).get("result");
    }

    /**
     * Sends {@code request} and returns the whole reply, for the operations whose fields sit next to {@code ok}
     * ({@code show}).
     *
     * @throws CliException when the socket cannot be reached or the agent answers with an error
     */
    Map<String, Object> reply(Map<String, Object> request) throws CliException {
        try (ControlChannel channel = ControlChannel.connect(socket)) {
            return accepted(WireJson.reply(channel.exchange(WireJson.write(request))));
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /**
     * Like {@link #call}, to a socket that has only just appeared: its file exists from the moment it is bound,
     * shortly before it listens, so a connection refused then is tried again, for up to {@code patience}. For
     * requests that change nothing ({@code status}).
     *
     * @throws CliException when it still cannot be reached, or the agent answers with an error
     */
    Object callJustOpened(Map<String, Object> request, Duration patience) throws CliException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try (ControlChannel channel = ControlChannel.connect(socket)) {
                return accepted(WireJson.reply(channel.exchange(WireJson.write(request)))).get("result");
            } catch (IOException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw unreachable(e);
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw CliException.failure("interrupted");
            }
        }
    }

    /**
     * Sends a {@code follow} request and hands {@code events} the reply, then every event line, until the plane
     * closes the connection.
     *
     * @return whether the last event said that development mode was detached (else the JVM went away)
     * @throws CliException when the socket cannot be reached or the agent refuses
     */
    boolean follow(Map<String, Object> request, Consumer<Map<String, Object>> events) throws CliException {
        try (ControlChannel channel = ControlChannel.connect(socket)) {
            events.accept(accepted(WireJson.reply(channel.exchange(WireJson.write(request)))));
            boolean detached = false;
            for (String line = channel.nextLine(); line != null; line = channel.nextLine()) {
                Map<String, Object> event = WireJson.reply(line);
                detached = "detached".equals(event.get("event"));
                events.accept(event);
            }
            return detached;
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private static Map<String, Object> accepted(Map<String, Object> reply) throws CliException {
        if (!Boolean.TRUE.equals(reply.get("ok"))) {
            throw refusal(reply);
        }
        return reply;
    }

    private CliException unreachable(IOException e) {
        String where = jvm == null ? "" : " in " + jvm.describe();
        return CliException.failure("cannot reach aiq-dev" + where + " at " + socket + ": " + e.getMessage());
    }

    /**
     * The agent's refusal as the exception to end with: a request that named no config, or not exactly one, is a
     * usage error (exit 2, as a substring that matches several JVMs); anything else a failure.
     */
    private static CliException refusal(Map<String, Object> reply) {
        String message = WireJson.text(reply, "error", "the agent refused the request");
        ErrorCode code = ErrorCode.ofWireName(WireJson.text(reply, ErrorCode.FIELD, null));
        boolean usage = code == ErrorCode.CONFIG_NOT_NAMED || code == ErrorCode.CONFIG_AMBIGUOUS;
        return usage ? new CliException(CliException.USAGE, message) : CliException.failure(message);
    }

    /** {@code 4242 (com.acme.App run console)}, or the socket when the process is unknown. */
    String describe() {
        return jvm == null ? socket.toString() : jvm.describe();
    }

    /** The control socket, as reachable from here. */
    Path socket() {
        return socket;
    }

    /** The target's pid, or -1 when only the socket was named. */
    long pid() {
        return jvm == null ? -1 : jvm.pid();
    }

    /** The socket path as seen from here: inside a container, through the target's root. */
    private static Path reachable(long pid, Path socket) {
        Path throughRoot = Path.of("/proc", Long.toString(pid), "root").resolve(socket.toString().substring(1));
        return Files.notExists(socket) && socket.isAbsolute() && Files.exists(throughRoot) ? throughRoot : socket;
    }
}
