package dev.aiq.agent.cli;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A test program run as another OS user: connects to the Unix-domain socket {@code args[0]}, sends one status
 * request, and prints whatever comes back ({@code reply <text>}) or why it could not ({@code failed <reason>}).
 */
final class SocketProbe {

    private SocketProbe() {
    }

    public static void main(String[] args) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(Path.of(args[0])));
            channel.write(ByteBuffer.wrap("{\"op\":\"status\"}\n".getBytes(StandardCharsets.UTF_8)));
            StringBuilder reply = new StringBuilder();
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            while (channel.read(buffer.clear()) > 0) {
                reply.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
            }
            System.out.println("reply " + reply.toString().strip());
        } catch (IOException e) {
            System.out.println("failed " + e);
        }
    }
}
