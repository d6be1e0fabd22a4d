package dev.aiq.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A connection to a {@link ControlPlane}: sends one request line, waits for its reply line. Connecting gives up after
 * 5 s, a reply after 60 s (a reload waits for the app's listeners). Not thread-safe; one request at a time. Internal.
 */
public final class ControlClient implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);

    private final Path socket;
    private final SocketChannel channel;
    private final Selector selector;
    private final Duration replyTimeout;
    private final LineAssembler input = new LineAssembler(Integer.MAX_VALUE - 16);
    private final ByteBuffer readBuffer = ByteBuffer.allocate(64 * 1024);

    private ControlClient(Path socket, SocketChannel channel, Selector selector, Duration replyTimeout) {
        this.socket = socket;
        this.channel = channel;
        this.selector = selector;
        this.replyTimeout = replyTimeout;
    }

    /**
     * Connects to the control socket at {@code socket}.
     *
     * @throws IOException when nothing listens there or the connection is not made within 5 s
     */
    public static ControlClient connect(Path socket) throws IOException {
        return connect(socket, CONNECT_TIMEOUT, REPLY_TIMEOUT);
    }

    /** Connects with the given time-outs. */
    static ControlClient connect(Path socket, Duration connectTimeout, Duration replyTimeout) throws IOException {
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
            channel.register(selector, SelectionKey.OP_READ);
            return new ControlClient(socket, channel, selector, replyTimeout);
        } catch (IOException | RuntimeException e) {
            if (selector != null) {
                selector.close();
            }
            channel.close();
            throw e;
        }
    }

    /** Returns a new request for {@code op}, to which the op's parameters are added. */
    public static ObjectNode request(String op) {
        return ControlJson.mapper().createObjectNode().put("op", op);
    }

    /**
     * Sends {@code request} and returns the reply as it came: {@code {"ok":true,"result":...}} or
     * {@code {"ok":false,"error":"..."}}.
     *
     * @throws IOException when the connection breaks, the reply does not come in time, or is not JSON
     */
    public JsonNode call(ObjectNode request) throws IOException {
        return ControlJson.mapper().readTree(exchange(request.toString()));
    }

    /** Sends one raw line and returns the raw reply line. */
    String exchange(String line) throws IOException {
        ByteBuffer out = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        // requests are small and the plane reads eagerly; a full socket buffer means it is stuck on a long request
        long deadline = System.nanoTime() + replyTimeout.toNanos();
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                await(SelectionKey.OP_WRITE, deadline);
            }
        }
        while (true) {
            String reply = input.nextLine();
            if (reply != null) {
                return reply;
            }
            await(SelectionKey.OP_READ, deadline);
            readBuffer.clear();
            if (channel.read(readBuffer) < 0) {
                throw new IOException("the control socket " + socket + " closed the connection");
            }
            input.append(readBuffer.flip());
        }
    }

    private void await(int operation, long deadline) throws IOException {
        channel.keyFor(selector).interestOps(operation);
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
