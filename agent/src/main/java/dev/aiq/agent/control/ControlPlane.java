package dev.aiq.agent.control;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import javax.management.MBeanServer;

/**
 * The control plane of development mode inside the target JVM: a Unix-domain socket only this OS user can open,
 * speaking one JSON object per line, plus the MXBean {@code dev.aiq:type=DevMode}, both over one
 * {@link DevModeControl}.
 *
 * <p>The socket lives at {@code <java.io.tmpdir>/aiq-dev-<uid>/<pid>.sock} (directory 0700, socket 0600; no TCP port
 * is opened) and its path is published as the system property {@value #SOCKET_PROPERTY}, which the CLI reads through
 * the Attach API. One daemon thread, {@code aiq-dev-control}, multiplexes every connection, so a client that connects
 * and stays silent delays nobody; a connection idle for longer than its timeout is closed, and a request line over
 * 1 MB is refused. Requests are served one at a time, in arrival order. {@link #close()} undoes everything.
 * Internal.
 */
public final class ControlPlane implements AutoCloseable {

    /** The system property holding the socket's path while the plane is open. */
    public static final String SOCKET_PROPERTY = "aiq.dev.control";

    /** The MXBean's object name. */
    public static final String MXBEAN_NAME = "dev.aiq:type=DevMode";

    /** Longest request line accepted. */
    static final int MAX_REQUEST_BYTES = 1 << 20;

    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_CONNECTIONS = 32;
    private static final long JOIN_MILLIS = 5_000;

    private final DevModeControl control;
    private final RequestDispatcher dispatcher;
    private final Path socket;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final long idleTimeoutNanos;
    private final Thread thread;
    /** Owned by the serving thread. */
    private final Set<Connection> connections = new HashSet<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
    private final Object lifecycle = new Object();
    private volatile boolean closed;
    /** Set under {@link #lifecycle}: registration and close may race. */
    private DevModeBeans registeredBeans;
    /** Set by the serving thread once a detach reply has left. */
    private boolean detachRequested;

    private ControlPlane(DevModeControl control, Path socket, ServerSocketChannel server, Selector selector,
                         Duration idleTimeout) {
        this.control = control;
        this.dispatcher = new RequestDispatcher(control);
        this.socket = socket;
        this.server = server;
        this.selector = selector;
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.thread = new Thread(this::serve, "aiq-dev-control");
        this.thread.setDaemon(true);
    }

    /**
     * Opens the socket, publishes its path, and starts serving {@code control}; the MXBean is registered shortly
     * after, on the serving thread.
     *
     * @throws IOException when the socket cannot be made (its directory is not private, the path is too long, ...)
     */
    public static ControlPlane start(DevModeControl control) throws IOException {
        return start(control, Path.of(System.getProperty("java.io.tmpdir", "/tmp")), IDLE_TIMEOUT);
    }

    /** Starts with the socket under {@code tempDir} and connections closed after {@code idleTimeout} of silence. */
    static ControlPlane start(DevModeControl control, Path tempDir, Duration idleTimeout) throws IOException {
        Path socket = SocketLocation.socketFor(tempDir, ProcessHandle.current().pid());
        String published = System.getProperty(SOCKET_PROPERTY);
        if (published != null && Files.exists(Path.of(published))) {
            throw new IllegalStateException("a control socket is already open in this JVM: " + published);
        }
        ServerSocketChannel server = bind(socket);
        Selector selector = null;
        try {
            selector = Selector.open();
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            closeQuietly(selector);
            closeQuietly(server);
            Files.deleteIfExists(socket);
            throw e;
        }
        ControlPlane plane = new ControlPlane(control, socket, server, selector, idleTimeout);
        System.setProperty(SOCKET_PROPERTY, socket.toString());
        plane.thread.start();
        return plane;
    }

    /** Returns the socket's path. */
    public Path socket() {
        return socket;
    }

    /**
     * Stops serving: closes the socket and every connection, deletes the socket file (and its directory when empty),
     * clears {@value #SOCKET_PROPERTY} and unregisters the MXBean. Idempotent; callable from any thread, including
     * from {@link DevModeControl#detach()} while a request is being served.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            unregisterBean();
        }
        if (socket.toString().equals(System.getProperty(SOCKET_PROPERTY))) {
            System.clearProperty(SOCKET_PROPERTY);
        }
        closeQuietly(server);
        selector.wakeup();
        if (Thread.currentThread() != thread) {
            awaitServingThread();
        }
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(socket.getParent());
        } catch (DirectoryNotEmptyException e) {
            // other JVMs of this user still have their sockets there
        } catch (IOException e) {
            report("could not delete " + socket + ": " + e.getMessage());
        }
    }

    private static ServerSocketChannel bind(Path socket) throws IOException {
        // a second try covers another JVM removing the shared directory as it empties between prepare and bind
        for (int attempt = 1; ; attempt++) {
            SocketLocation.prepare(socket.getParent());
            Files.deleteIfExists(socket);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                server.bind(UnixDomainSocketAddress.of(socket));
                Files.setPosixFilePermissions(socket, SocketLocation.OWNER_ONLY_SOCKET);
                return server;
            } catch (IOException e) {
                server.close();
                if (attempt >= 2 || Files.exists(socket.getParent())) {
                    throw e;
                }
            }
        }
    }

    private void serve() {
        registerBean();
        long tickMillis = Math.max(10, Math.min(1_000, idleTimeoutNanos / 4_000_000));
        try {
            while (!closed) {
                selector.select(tickMillis);
                if (closed) {
                    break;
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext() && !closed) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    handle(key);
                }
                closeIdleConnections();
                if (detachRequested && !closed) {
                    detachRequested = false;
                    detach();
                }
            }
        } catch (ClosedSelectorException | CancelledKeyException e) {
            // closed while selecting: nothing left to serve
        } catch (Throwable e) {
            report("control socket stopped: " + RequestDispatcher.describe(e));
        } finally {
            connections.forEach(Connection::close);
            connections.clear();
            closeQuietly(selector);
        }
    }

    private void handle(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            accept();
            return;
        }
        Connection connection = (Connection) key.attachment();
        try {
            if (key.isReadable()) {
                connection.read();
            }
            if (key.isValid() && key.isWritable()) {
                connection.flush();
            }
        } catch (IOException | CancelledKeyException e) {
            connection.close();
        }
    }

    private void accept() {
        try {
            SocketChannel channel = server.accept();
            if (channel == null) {
                return;
            }
            if (connections.size() >= MAX_CONNECTIONS) {
                closeQuietly(channel);
                return;
            }
            channel.configureBlocking(false);
            Connection connection = new Connection(channel);
            connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
            connections.add(connection);
        } catch (IOException e) {
            report("could not accept a control connection: " + e.getMessage());
        }
    }

    private void closeIdleConnections() {
        long now = System.nanoTime();
        connections.removeIf(connection -> {
            if (now - connection.lastActive > idleTimeoutNanos) {
                connection.close();
                return true;
            }
            return !connection.channel.isOpen();
        });
    }

    private void detach() {
        try {
            control.detach();
        } catch (Throwable e) {
            report("detach failed: " + RequestDispatcher.describe(e));
        }
    }

    private void registerBean() {
        try {
            MBeanServer beans = ManagementFactory.getPlatformMBeanServer();
            synchronized (lifecycle) {
                if (closed) {
                    return;
                }
                registeredBeans = DevModeBeans.register(control, beans, ControlPlane::report);
            }
        } catch (Throwable e) {
            // JMX is a convenience: the socket works without it
            report("MXBean " + MXBEAN_NAME + " not registered: " + RequestDispatcher.describe(e));
        }
    }

    private void unregisterBean() {
        if (registeredBeans == null) {
            return;
        }
        registeredBeans.close();
        registeredBeans = null;
    }

    private void awaitServingThread() {
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void report(String line) {
        System.err.println("aiq-dev: " + line);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing: nothing useful to do with it
        }
    }

    /** One client connection: bytes in, complete lines served, replies out. Used by the serving thread only. */
    private final class Connection {

        private final SocketChannel channel;
        private final LineAssembler input = new LineAssembler(MAX_REQUEST_BYTES);
        private SelectionKey key;
        private ByteBuffer output;
        private long lastActive = System.nanoTime();
        /** After an overlong line: the refusal is sent, the rest is read and dropped until EOF or the idle timeout. */
        private boolean refusing;
        private boolean detachAfterFlush;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        void read() throws IOException {
            readBuffer.clear();
            int count = channel.read(readBuffer);
            if (count < 0) {
                close();
                return;
            }
            if (refusing) {
                return;
            }
            lastActive = System.nanoTime();
            input.append(readBuffer.flip());
            for (String line = input.nextLine(); line != null; line = input.nextLine()) {
                if (line.isBlank()) {
                    continue;
                }
                RequestDispatcher.Reply reply = dispatcher.handle(line);
                enqueue(reply.line());
                detachAfterFlush |= reply.detach();
                if (closed) {
                    return;
                }
            }
            if (input.overflowed()) {
                enqueue("{\"ok\":false,\"error\":\"request line longer than " + (MAX_REQUEST_BYTES >> 20)
                        + " MB\"}");
                refusing = true;
            }
            flush();
        }

        void flush() throws IOException {
            if (output != null) {
                channel.write(output);
                lastActive = System.nanoTime();
                if (output.hasRemaining()) {
                    // the client is slow to read: stop reading its requests until it has taken the replies
                    key.interestOps(SelectionKey.OP_WRITE);
                    return;
                }
                output = null;
            }
            if (detachAfterFlush) {
                detachAfterFlush = false;
                detachRequested = true;
            }
            if (refusing) {
                // closing with unread input would reset the connection before the client reads the refusal
                channel.shutdownOutput();
            }
            key.interestOps(SelectionKey.OP_READ);
        }

        private void enqueue(String line) {
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            if (output == null) {
                output = ByteBuffer.wrap(bytes);
                return;
            }
            ByteBuffer joined = ByteBuffer.allocate(output.remaining() + bytes.length);
            output = joined.put(output).put(bytes).flip();
        }

        void close() {
            if (detachAfterFlush) {
                // the client left before reading the reply; it still asked to detach
                detachAfterFlush = false;
                detachRequested = true;
            }
            if (key != null) {
                key.cancel();
            }
            closeQuietly(channel);
        }
    }
}
