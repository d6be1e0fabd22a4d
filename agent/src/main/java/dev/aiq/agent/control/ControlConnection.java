package dev.aiq.agent.control;

import dev.aiq.agent.protocol.WireJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayDeque;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * One client connection of the {@link ControlPlane}: bytes in, complete lines served, replies out, with bounded work
 * whatever the client does. Replies wait in a queue (never copied together); once more than
 * {@value #MAX_PENDING_REPLY_BYTES} bytes of them wait, no request is read or served until the client has taken them.
 * A failure while serving a request becomes that request's error reply. Only complete, non-blank requests and replies
 * taken count as activity, so a client that trickles bytes times out like a silent one. Used by the serving thread
 * only. Internal.
 */
final class ControlConnection {

    /** Replies waiting for the client beyond which it is not read from. */
    static final int MAX_PENDING_REPLY_BYTES = 1 << 20;


    private final SocketChannel channel;
    private final UserPrincipal peer;
    private final RequestDispatcher dispatcher;
    private final BooleanSupplier planeClosed;
    private final LineAssembler input = new LineAssembler(ControlPlane.MAX_REQUEST_BYTES);
    private final ArrayDeque<ByteBuffer> replies = new ArrayDeque<>();
    private SelectionKey key;
    private long pendingBytes;
    private long lastActivity = System.nanoTime();
    /** After an overlong line: the refusal is sent, the rest is read and dropped until EOF or the idle timeout. */
    private boolean refusing;
    private boolean inputEnded;
    private boolean detachAfterFlush;
    private final Runnable detachDue;
    private final BiConsumer<ControlConnection, RequestDispatcher.Follow> followDue;
    /** Once a {@code follow} was accepted: outcomes are pushed, and it is not closed for being idle. */
    private boolean following;

    /**
     * {@code detachDue} runs once a detach asked on this connection has its reply sent, or the client has gone;
     * {@code followDue} once a {@code follow} is accepted, right after its reply was queued.
     */
    ControlConnection(SocketChannel channel, UserPrincipal peer, RequestDispatcher dispatcher,
                      BooleanSupplier planeClosed, Runnable detachDue,
                      BiConsumer<ControlConnection, RequestDispatcher.Follow> followDue) {
        this.detachDue = detachDue;
        this.followDue = followDue;
        this.channel = channel;
        this.peer = peer;
        this.dispatcher = dispatcher;
        this.planeClosed = planeClosed;
    }

    void register(Selector selector) throws IOException {
        channel.configureBlocking(false);
        key = channel.register(selector, SelectionKey.OP_READ, this);
    }

    /** The user at the other end. */
    UserPrincipal peer() {
        return peer;
    }

    /** When a request was last served or a reply last taken ({@link System#nanoTime()}). */
    long lastActivity() {
        return lastActivity;
    }

    /** Whether nothing is in progress: no reply waiting, no request partly received. */
    boolean isQuiet() {
        return replies.isEmpty() && input.isEmpty();
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /** Whether it follows outcomes: it waits for them, not for requests, so it is never idle. */
    boolean isFollowing() {
        return following;
    }

    /**
     * Sends one line that nobody asked for (an event to a follower), as much as the client takes now; a follower
     * with more than {@value #MAX_PENDING_REPLY_BYTES} bytes waiting does not read them and is closed.
     */
    void push(String line) {
        if (!isOpen()) {
            return;
        }
        enqueue(line);
        if (pendingBytes > MAX_PENDING_REPLY_BYTES) {
            close();
            return;
        }
        try {
            flush();
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    void onReadable(ByteBuffer buffer) throws IOException {
        buffer.clear();
        int count = channel.read(buffer);
        if (count < 0) {
            inputEnded = true;
        } else if (!refusing) {
            input.append(buffer.flip());
        }
        if (refusing && inputEnded) {
            close();
            return;
        }
        if (!refusing) {
            serveLines();
        }
        flush();
    }

    /**
     * Answers this connection with one refusal line and serves nothing on it: the rest of its input is read and
     * dropped until it ends or times out, so the client reads the refusal instead of a reset.
     */
    void refuse(String reason) throws IOException {
        enqueue(error(reason));
        refusing = true;
        flush();
    }

    void onWritable() throws IOException {
        flush();
    }

    /** Writes what the client takes; when all has left, serves the lines that waited, then reads again. */
    private void flush() throws IOException {
        while (true) {
            while (!replies.isEmpty()) {
                ByteBuffer head = replies.peek();
                int written = channel.write(head);
                if (written > 0) {
                    pendingBytes -= written;
                    lastActivity = System.nanoTime();
                }
                if (head.hasRemaining()) {
                    // the client is slow to read: stop reading its requests until it has taken the replies
                    key.interestOps(SelectionKey.OP_WRITE);
                    return;
                }
                replies.poll();
            }
            if (refusing || planeClosed.getAsBoolean() || !serveLines()) {
                break;
            }
        }
        if (detachAfterFlush) {
            detachAfterFlush = false;
            detachDue.run();
        }
        if (refusing) {
            // closing with unread input would reset the connection before the client reads the refusal
            channel.shutdownOutput();
        } else if (inputEnded) {
            close();
            return;
        }
        key.interestOps(SelectionKey.OP_READ);
    }

    /** Serves complete lines while few enough replies wait; returns whether it queued any reply. */
    private boolean serveLines() {
        boolean served = false;
        while (pendingBytes <= MAX_PENDING_REPLY_BYTES && !planeClosed.getAsBoolean()) {
            String line = input.nextLine();
            if (line == null) {
                break;
            }
            if (line.isBlank()) {
                continue;
            }
            lastActivity = System.nanoTime();
            RequestDispatcher.Reply reply = serve(line);
            enqueue(reply.line());
            detachAfterFlush |= reply.detach();
            served = true;
            if (reply.follow() != null && !following) {
                following = true;
                followDue.accept(this, reply.follow());
            }
        }
        if (input.overflowed() && !refusing) {
            enqueue(error("request line longer than " + (ControlPlane.MAX_REQUEST_BYTES >> 20) + " MB"));
            refusing = true;
            served = true;
        }
        return served;
    }

    private RequestDispatcher.Reply serve(String line) {
        try {
            String duplicate = duplicateKey(line);
            if (duplicate != null) {
                return new RequestDispatcher.Reply(error("request has the key '" + duplicate
                        + "' more than once; each key may appear once"), false);
            }
            return dispatcher.handle(line);
        } catch (Throwable e) {
            // even an OutOfMemoryError while building one reply fails only that request
            return new RequestDispatcher.Reply(error("the request failed: " + RequestDispatcher.describe(e)), false);
        }
    }

    private void enqueue(String line) {
        byte[] bytes;
        try {
            bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (OutOfMemoryError e) {
            bytes = (error("the reply does not fit in memory") + "\n").getBytes(StandardCharsets.UTF_8);
        }
        replies.add(ByteBuffer.wrap(bytes));
        pendingBytes += bytes.length;
    }

    void close() {
        if (detachAfterFlush) {
            // the client left before reading the reply; it still asked to detach
            detachAfterFlush = false;
            detachDue.run();
        }
        replies.clear();
        pendingBytes = 0;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing: nothing useful to do with it
        }
    }

    /** One error reply line, escaped by the JSON writer. */
    static String error(String message) {
        java.util.Map<String, Object> reply = WireJson.object();
        reply.put("ok", false);
        reply.put("error", message);
        return WireJson.write(reply);
    }

    /** The first key that appears twice in one object of {@code line}, or null (also when it is not JSON). */
    static String duplicateKey(String line) {
        return WireJson.duplicateKey(line);
    }
}
