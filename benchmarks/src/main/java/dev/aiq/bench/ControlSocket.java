package dev.aiq.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The agent's control socket, spoken directly: one JSON request line, one reply line (the protocol of
 * docs/cli.md). The socket's path is the system property {@code aiq.dev.control} of the host. Internal.
 */
final class ControlSocket implements AutoCloseable {

    private final SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocate(256 * 1024);

    private ControlSocket(SocketChannel channel) {
        this.channel = channel;
    }

    /** Connects to the control socket of the host, found through {@code jcmd}. */
    static ControlSocket of(BenchEnv env, Host host) {
        String path = new Jcmd(env, host.pid()).systemProperty("aiq.dev.control");
        if (path == null) {
            throw new IllegalStateException("host " + host.pid() + " has no control socket");
        }
        try {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(Path.of(path)));
            return new ControlSocket(channel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code {"op":"OP"}} and returns the reply line. */
    String call(String op) {
        try {
            ByteBuffer out = ByteBuffer.wrap(("{\"op\":\"" + op + "\"}\n").getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            in.clear();
            while (true) {
                if (channel.read(in) < 0) {
                    throw new IOException("the control socket closed");
                }
                if (in.position() > 0 && in.get(in.position() - 1) == '\n') {
                    return new String(in.array(), 0, in.position() - 1, StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
