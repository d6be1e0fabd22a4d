package dev.aiq.agent.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of a connection to a {@link ControlPlane}, free of any JSON library, so that a command line that only
 * sends a request and prints its reply loads nothing more: sends one request line, waits for its reply line.
 * Connecting gives up after 5 s, a reply after 60 s (a reload waits for the app's listeners). Nothing is sent before
 * the peer is checked: the process serving the socket ({@code SO_PEERCRED}) must own the socket and its 0700
 * directory, must own the process the socket is named after ({@code <pid>.sock}), and must be this user unless this
 * user is root. A reply longer than {@value #MAX_REPLY_BYTES} bytes is refused. Lines come as the agent wrote them:
 * a client that prints them treats them as data ({@link ControlClient} does). Not thread-safe; one request at a
 * time. Internal.
 */
public final class ControlChannel implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);
    /** Longest reply accepted: a status after a large change is a few MB at most. */
    static final int MAX_REPLY_BYTES = 8 << 20;
    /** A wait without end, for events. */
    private static final long NO_DEADLINE = Long.MIN_VALUE;
    /** A socket reached through a container's root: {@code /proc/<pid>/root/...}. */
    private static final Pattern THROUGH_ROOT = Pattern.compile("^/proc/(\\d{1,18})/root/");

    private final Path socket;
    private final SocketChannel channel;
    private final Selector selector;
    private final Duration replyTimeout;
    private final LineAssembler input = new LineAssembler(MAX_REPLY_BYTES);
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);

    private ControlChannel(Path socket, SocketChannel channel, Selector selector, Duration replyTimeout) {
        this.socket = socket;
        this.channel = channel;
        this.selector = selector;
        this.replyTimeout = replyTimeout;
    }

    /**
     * Connects to the control socket at {@code socket}.
     *
     * @throws IOException when nothing listens there, the connection is not made within 5 s, or the process serving
     *                     it is not one to trust (then nothing has been sent)
     */
    public static ControlChannel connect(Path socket) throws IOException {
        return connect(socket, CONNECT_TIMEOUT, REPLY_TIMEOUT);
    }

    /**
     * Loads the classes a connection needs (the Unix-domain channel, the selector, the peer check) without
     * connecting anywhere: for a command line that has time to spare before its first request.
     */
    public static void warmUp() {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_CONNECT);
            UnixDomainSocketAddress.of(Path.of("aiq-dev-warm-up.sock"));
            PeerCredentials.self();
            selector.selectNow();
        } catch (IOException | RuntimeException e) {
            // only a head start
        }
    }

    /** Connects with the given time-outs. */
    public static ControlChannel connect(Path socket, Duration connectTimeout, Duration replyTimeout)
            throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector selector = null;
        try {
            channel.configureBlocking(false);
            selector = Selector.open();
            if (!channel.connect(UnixDomainSocketAddress.of(socket))) {
                channel.register(selector, SelectionKey.OP_CONNECT);
                if (selector.select(connectTimeout.toMillis()) == 0 || !channel.finishConnect()) {
                    throw new IOException("no answer from " + socket + " within " + connectTimeout.toSeconds() + " s");
                }
                selector.selectedKeys().clear();
            }
            checkPeer(socket, channel);
            channel.register(selector, SelectionKey.OP_READ);
            return new ControlChannel(socket, channel, selector, replyTimeout);
        } catch (IOException | RuntimeException e) {
            if (selector != null) {
                selector.close();
            }
            channel.close();
            throw e;
        }
    }

    /**
     * Checks who serves {@code socket} before anything is sent.
     *
     * @throws IOException saying who serves it and why that is refused
     */
    static void checkPeer(Path socket, SocketChannel channel) throws IOException {
        UserPrincipal peer = PeerCredentials.peerOf(channel);
        UserPrincipal self = PeerCredentials.self();
        if (!peer.equals(self) && !self.equals(PeerCredentials.root())) {
            throw new IOException("refused: " + socket + " is served by user " + peer.getName() + ", not by "
                    + self.getName());
        }
        try {
            SocketLocation.checkOwnedBy(socket, peer);
        } catch (IOException e) {
            throw new IOException("refused: " + e.getMessage(), e);
        }
        long pid = pidBehind(socket);
        UserPrincipal processOwner = pid > 0 ? PeerCredentials.ownerOfProcess(pid) : null;
        if (processOwner != null && !processOwner.equals(peer)) {
            throw new IOException("refused: " + socket + " is served by user " + peer.getName() + ", but process "
                    + pid + " belongs to " + processOwner.getName());
        }
    }

    /** The pid a socket path names as seen from here: the container's for {@code /proc/<pid>/root/...}. */
    private static long pidBehind(Path socket) {
        Matcher throughRoot = THROUGH_ROOT.matcher(socket.toString());
        return throughRoot.find() ? Long.parseLong(throughRoot.group(1)) : SocketLocation.pidOf(socket);
    }

    /**
     * Sends one request line and returns the reply line as it came.
     *
     * @throws IOException when the connection breaks or the reply does not come in time
     */
    public String exchange(String line) throws IOException {
        ByteBuffer out = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        // requests are small and the plane reads eagerly; a full socket buffer means it is stuck on a long request
        long deadline = System.nanoTime() + replyTimeout.toNanos();
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                await(SelectionKey.OP_WRITE, deadline);
            }
        }
        String reply = readLine(deadline);
        if (reply == null) {
            throw new IOException("the control socket " + socket + " closed the connection");
        }
        return reply;
    }

    /**
     * Waits, for as long as it takes, for the next line the plane sends unasked (an event of {@code follow}); null
     * once the plane has closed the connection (the JVM ended or development mode was detached).
     *
     * @throws IOException when the connection breaks
     */
    public String nextLine() throws IOException {
        return readLine(NO_DEADLINE);
    }

    /** The next line, or null at the end of the input; waits until {@code deadline} ({@link #NO_DEADLINE}: ever). */
    private String readLine(long deadline) throws IOException {
        while (true) {
            String line = input.nextLine();
            if (line != null) {
                return line;
            }
            if (input.overflowed()) {
                throw new IOException("the reply from " + socket + " is longer than " + (MAX_REPLY_BYTES >> 20)
                        + " MB: refused");
            }
            await(SelectionKey.OP_READ, deadline);
            readBuffer.clear();
            if (channel.read(readBuffer) < 0) {
                return null;
            }
            input.append(readBuffer.flip());
        }
    }

    private void await(int operation, long deadline) throws IOException {
        channel.keyFor(selector).interestOps(operation);
        if (deadline == NO_DEADLINE) {
            selector.select();
            selector.selectedKeys().clear();
            return;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || selector.select(Math.max(1, left / 1_000_000)) == 0) {
            if (System.nanoTime() - deadline >= 0) {
                throw new IOException("no reply from " + socket + " within " + replyTimeout.toSeconds() + " s");
            }
        }
        selector.selectedKeys().clear();
    }

    /** Closes the connection. */
    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
