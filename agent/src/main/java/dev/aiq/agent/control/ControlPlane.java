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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.Iterator;
import javax.management.MBeanServer;

/**
 * The control plane of development mode inside the target JVM: a Unix-domain socket only this OS user (and root) may
 * use, speaking one JSON object per line, plus the MXBean {@code dev.aiq:type=DevMode}, both over one
 * {@link DevModeControl}.
 *
 * <p>The socket lives in a directory made fresh for this JVM, {@code <base>/aiq-dev-<uid>-<random>/<pid>.sock}
 * (directory 0700, socket 0600, base {@code $XDG_RUNTIME_DIR} when set and private, else the temp directory; see
 * {@link SocketLocation}; no TCP port is opened), and its path is published as the system property
 * {@value #SOCKET_PROPERTY}, which the CLI reads through the Attach API; when the plane cannot start or stops by
 * itself, {@value #FAILURE_PROPERTY} says why. Every connection's peer is checked ({@code SO_PEERCRED}): another
 * user is answered with one refusal line and closed. One daemon thread, {@code aiq-dev-control}, multiplexes every
 * connection, so a client that connects and stays silent delays nobody; a connection without a complete request or
 * a reply taken for longer than its timeout is closed, whatever bytes it trickles; a request line over 1 MB is
 * refused; a client that does not read its replies is not read from once 1 MB of them wait; at the connection cap
 * the connection quiet the longest goes, so nobody is locked out. Requests are served one at a time, in arrival
 * order; a failure serving one is its error reply. {@link #close()} undoes everything, and so does the serving
 * thread if it ever ends. Internal.
 */
public final class ControlPlane implements AutoCloseable {

    /** The system property holding the socket's path while the plane is open. */
    public static final String SOCKET_PROPERTY = "aiq.dev.control";

    /** The system property saying, in one line, why the plane could not start or stopped by itself. */
    public static final String FAILURE_PROPERTY = "aiq.dev.control.failure";

    /** The MXBean's object name. */
    public static final String MXBEAN_NAME = "dev.aiq:type=DevMode";

    /** Longest request line accepted. */
    static final int MAX_REQUEST_BYTES = 1 << 20;

    /** Most connections open at once; beyond, the one quiet the longest is closed. */
    static final int MAX_CONNECTIONS = 32;

    /** Most connections of one user open at once; beyond, that user's connection quiet the longest is closed. */
    static final int MAX_CONNECTIONS_PER_USER = 16;

    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    private static final long JOIN_MILLIS = 5_000;

    private final DevModeControl control;
    private final RequestDispatcher dispatcher;
    private final Path socket;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final long idleTimeoutNanos;
    private final UserPrincipal owner;
    private final UserPrincipal root;
    private final Thread thread;
    /** Owned by the serving thread. */
    private final ConnectionTable connections;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);
    private final Object lifecycle = new Object();
    private volatile boolean closed;
    private volatile String failure;
    /** Set under {@link #lifecycle}: registration and close may race. */
    private DevModeBeans registeredBeans;
    /** Set by the serving thread once a detach reply has left. */
    private boolean detachRequested;
    private final Followers followers;
    /** Whether the plane closes because development mode is detached (followers are told so). */
    private volatile boolean detaching;

    private ControlPlane(DevModeControl control, Path socket, ServerSocketChannel server, Selector selector,
                         Duration idleTimeout, UserPrincipal owner, UserPrincipal root) {
        this.control = control;
        this.dispatcher = new RequestDispatcher(control);
        this.socket = socket;
        this.server = server;
        this.selector = selector;
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.connections = new ConnectionTable(idleTimeoutNanos);
        this.owner = owner;
        this.root = root;
        this.thread = new Thread(this::serve, "aiq-dev-control");
        this.thread.setDaemon(true);
        this.followers = new Followers(selector::wakeup);
        control.onOutcome(followers::publish);
    }

    /**
     * Opens the socket, publishes its path, and starts serving {@code control}; the MXBean is registered shortly
     * after, on the serving thread, once no request is waiting. When it cannot, {@value #FAILURE_PROPERTY} says why,
     * as the exception does.
     *
     * @throws IOException when the socket cannot be made (no private directory, a path too long, ...)
     */
    public static ControlPlane start(DevModeControl control) throws IOException {
        Path tempDir = Path.of(System.getProperty("java.io.tmpdir", "/tmp"));
        return start(control, SocketLocation.base(System.getenv("XDG_RUNTIME_DIR"), tempDir), IDLE_TIMEOUT);
    }

    /** Starts with the socket in a fresh directory under {@code baseDir}, connections closed after {@code idleTimeout}. */
    static ControlPlane start(DevModeControl control, Path baseDir, Duration idleTimeout) throws IOException {
        String published = System.getProperty(SOCKET_PROPERTY);
        if (published != null && Files.exists(Path.of(published))) {
            throw new IllegalStateException("a control socket is already open in this JVM: " + published);
        }
        Path socket;
        try {
            socket = SocketLocation.freshSocket(baseDir, ProcessHandle.current().pid());
        } catch (IOException | RuntimeException e) {
            recordStartFailure(e);
            throw e;
        }
        ServerSocketChannel server = null;
        Selector selector = null;
        try {
            server = bind(socket);
            UserPrincipal owner = Files.getOwner(socket);
            UserPrincipal root = PeerCredentials.root();
            selector = Selector.open();
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            ControlPlane plane = new ControlPlane(control, socket, server, selector, idleTimeout, owner, root);
            System.clearProperty(FAILURE_PROPERTY);
            System.setProperty(SOCKET_PROPERTY, socket.toString());
            plane.thread.start();
            return plane;
        } catch (IOException | RuntimeException e) {
            closeQuietly(selector);
            closeQuietly(server);
            deleteSocketAndDirectory(socket);
            recordStartFailure(e);
            throw e;
        }
    }

    private static void recordStartFailure(Throwable e) {
        System.setProperty(FAILURE_PROPERTY, "the control socket could not start: " + describe(e));
    }

    /** Returns the socket's path. */
    public Path socket() {
        return socket;
    }

    /** Why the plane stopped serving by itself (its thread ended), in one line; null while serving or once closed. */
    public String failure() {
        return failure;
    }

    /** Development mode is being detached: once {@link #close()} runs, every follower is told so before it closes. */
    public void sayDetached() {
        detaching = true;
    }

    /**
     * Stops serving: closes the socket and every connection, deletes the socket file and its directory, clears
     * {@value #SOCKET_PROPERTY} and unregisters the MXBean. Idempotent; callable from any thread, including from
     * {@link DevModeControl#detach()} while a request is being served.
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
        deleteSocketAndDirectory(socket);
    }

    private static ServerSocketChannel bind(Path socket) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, SocketLocation.OWNER_ONLY_SOCKET);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static void deleteSocketAndDirectory(Path socket) {
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(socket.getParent());
        } catch (IOException e) {
            report("could not delete " + socket + ": " + e.getMessage());
        }
    }

    private void serve() {
        long tickMillis = Math.max(10, Math.min(1_000, idleTimeoutNanos / 4_000_000));
        // JMX's first use costs a few hundred milliseconds of class loading: the MXBean is registered at the first
        // quiet moment, so that the request `aiq-dev attach` confirms with does not wait for it
        boolean beanPending = true;
        try {
            while (!closed) {
                int ready = selector.select(tickMillis);
                if (closed) {
                    break;
                }
                if (ready == 0 && beanPending) {
                    beanPending = false;
                    registerBean();
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext() && !closed) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    handle(key);
                }
                followers.deliver();
                connections.closeIdle(System.nanoTime());
                detachIfAsked();
            }
        } catch (ClosedSelectorException | CancelledKeyException e) {
            // closed while selecting: nothing left to serve
        } catch (Throwable e) {
            failure = "the control socket stopped: " + describe(e);
        } finally {
            followers.farewell(detaching);
            connections.closeAll();
            closeQuietly(selector);
            if (!closed) {
                withdraw();
            }
        }
    }

    /** The thread ended on its own: nobody would answer, so the socket and its published path go too. */
    private void withdraw() {
        String reason = failure == null ? "the control socket stopped" : failure;
        failure = reason;
        report(reason + "; the CLI can no longer reach this JVM");
        close();
        System.setProperty(FAILURE_PROPERTY, reason);
    }

    /** Serves one ready key; whatever goes wrong closes that connection only. */
    private void handle(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            accept();
            return;
        }
        ControlConnection connection = (ControlConnection) key.attachment();
        try {
            if (key.isReadable()) {
                connection.onReadable(readBuffer);
            }
            if (key.isValid() && key.isWritable()) {
                connection.onWritable();
            }
        } catch (IOException | CancelledKeyException e) {
            connection.close();
        } catch (RuntimeException | Error e) {
            report("a control connection failed and was closed: " + describe(e));
            connection.close();
        }
    }

    private void accept() {
        SocketChannel channel;
        try {
            channel = server.accept();
        } catch (IOException e) {
            report("could not accept a control connection: " + e.getMessage());
            return;
        }
        if (channel == null) {
            return;
        }
        try {
            UserPrincipal peer = PeerCredentials.peerOf(channel);
            connections.makeRoomFor(peer);
            ControlConnection connection = new ControlConnection(channel, peer, dispatcher, () -> closed,
                    () -> detachRequested = true, (following, follow) -> followers.add(following, follow.config()));
            connection.register(selector);
            connections.add(connection);
            if (!peer.equals(owner) && !peer.equals(root)) {
                connection.refuse("refused: this control socket serves only "
                        + (owner.equals(root) ? "root" : "user " + owner.getName() + " and root") + ", not "
                        + peer.getName());
            }
        } catch (IOException | RuntimeException e) {
            refuse(channel, "refused: " + e.getMessage());
        }
    }

    private static void refuse(SocketChannel channel, String reason) {
        try {
            // a fresh connection takes one short line without blocking
            channel.configureBlocking(false);
            channel.write(ByteBuffer.wrap((ControlConnection.error(reason) + "\n").getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            // the refusal is a courtesy; closing is what matters
        }
        closeQuietly(channel);
    }

    private void detachIfAsked() {
        if (!detachRequested || closed) {
            return;
        }
        detachRequested = false;
        try {
            control.detach();
        } catch (Throwable e) {
            report("detach failed: " + describe(e));
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
            report("MXBean " + MXBEAN_NAME + " not registered: " + describe(e));
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

    private static String describe(Throwable e) {
        return RequestDispatcher.describe(e);
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
}
