package dev.aiq.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client of the aiq-dev agent's control socket in one JVM: one JSON request per line, one JSON reply per line
 * ({@code {"ok":true,"result":...}} or {@code {"ok":false,"error":"...","code":"..."}}), a fresh connection for each
 * request. The socket is {@code <base>/aiq-dev-<uid>-<random>/<pid>.sock}, the base being {@code $XDG_RUNTIME_DIR},
 * the temp directory or {@code /tmp} (docs/security.md); the kit looks in each.
 *
 * <p>Written against the protocol, not the agent's classes, so that a test's class path holds nothing of the agent.
 */
public final class ControlSocket {

    /** How long a reply may take: a reload waits for the app's listeners. */
    public static final Duration REPLY_TIMEOUT = Duration.ofSeconds(90);

    private final long pid;
    private final String config;

    private ControlSocket(long pid, String config) {
        this.pid = pid;
        this.config = config;
    }

    /** Returns a client of the JVM {@code pid}'s socket, for requests about its only config. */
    public static ControlSocket of(long pid) {
        return new ControlSocket(pid, null);
    }

    /** Returns a client for requests about {@code config} (a path or a unique part of one) of the same JVM. */
    public ControlSocket forConfig(String config) {
        return new ControlSocket(pid, config);
    }

    /** Returns the socket the JVM serves, if it serves one yet. */
    public Optional<Path> find() {
        for (Path base : bases()) {
            try (DirectoryStream<Path> directories = Files.newDirectoryStream(base, "aiq-dev-*")) {
                for (Path directory : directories) {
                    Path socket = directory.resolve(pid + ".sock");
                    if (Files.exists(socket)) {
                        return Optional.of(socket);
                    }
                }
            } catch (IOException | SecurityException e) {
                // a base we may not read holds no socket of ours
            }
        }
        return Optional.empty();
    }

    /** {@code status}: the JVM's status (with {@code configs} holding only this client's config, when it names one). */
    public Json status() {
        return request("status");
    }

    /** {@code history}: the config's generations, newest first. */
    public Json history() {
        return request("history");
    }

    /** {@code reload}: reads the config now and applies it if it is valid; returns the outcome. */
    public Json reload() {
        return request("reload");
    }

    /** {@code reload} as a dry run: validates the files on disk, applies nothing. */
    public Json validate() {
        return request("validate");
    }

    /** {@code rollback}: goes back {@code steps} generations. */
    public Json rollback(int steps) {
        return request("rollback", "steps", steps);
    }

    /** {@code set}: a live override of {@code path} (dotted) to {@code value} (YAML scalar text). */
    public Json set(String path, String value) {
        return request("set", "path", path, "value", value);
    }

    /** {@code unset}: removes the live override of {@code path}. */
    public Json unset(String path) {
        return request("unset", "path", path);
    }

    /**
     * Sends {@code {"op":op, name:value...}} (and this client's config) and returns the reply's {@code result}.
     *
     * @throws AssertionError when the agent answers with an error, or no socket is served
     */
    public Json request(String op, Object... fields) {
        Json reply = exchange(op, fields);
        if (!reply.path("ok").asBoolean()) {
            throw new AssertionError("aiq-dev " + op + " on pid " + pid + " failed: " + reply.path("code").asText()
                    + " " + reply.path("error").asText());
        }
        return reply.path("result");
    }

    /** Sends a request and returns the whole reply, {@code ok} or not. */
    public Json exchange(String op, Object... fields) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", op);
        if (config != null) {
            request.put("config", config);
        }
        for (int i = 0; i + 1 < fields.length; i += 2) {
            request.put((String) fields[i], fields[i + 1]);
        }
        Path socket = find().orElseThrow(() -> new AssertionError("pid " + pid + " serves no aiq-dev control socket"
                + " (looked in " + bases() + "): is the agent loaded and dev mode active?"));
        try {
            return Json.parse(roundTrip(socket, Json.write(request)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot talk to " + socket, e);
        }
    }

    private static String roundTrip(Path socket, String line) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer out = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            ByteBuffer in = ByteBuffer.allocate(64 * 1024);
            java.io.ByteArrayOutputStream reply = new java.io.ByteArrayOutputStream();
            long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
            while (true) {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                if (System.nanoTime() > deadline) {
                    throw new IOException("no reply within " + REPLY_TIMEOUT);
                }
                selector.select(left);
                selector.selectedKeys().clear();
                int read = channel.read(in);
                if (read < 0) {
                    throw new IOException("the agent closed the connection before replying: " + reply);
                }
                in.flip();
                while (in.hasRemaining()) {
                    byte b = in.get();
                    if (b == '\n') {
                        return reply.toString(StandardCharsets.UTF_8);
                    }
                    reply.write(b);
                }
                in.clear();
            }
        }
    }

    private static List<Path> bases() {
        List<Path> bases = new ArrayList<>();
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            bases.add(Path.of(runtime));
        }
        Path temp = Path.of(System.getProperty("java.io.tmpdir", "/tmp")).toAbsolutePath();
        if (!bases.contains(temp)) {
            bases.add(temp);
        }
        if (!bases.contains(Path.of("/tmp"))) {
            bases.add(Path.of("/tmp"));
        }
        return bases;
    }
}
