package dev.aiq.agent.cli;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A test program run as another OS user: binds a Unix-domain socket at {@code args[0]} (0600, as a real attach or
 * control socket is), says {@code ready}, then reports every connection ({@code connection}) and every line it
 * receives ({@code received <line>}) on standard output until its stdin closes.
 */
final class SocketSquatter {

    private SocketSquatter() {
    }

    public static void main(String[] args) throws IOException {
        Path socket = Path.of(args[0]);
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        Thread serving = new Thread(() -> serve(server), "squatter");
        serving.setDaemon(true);
        serving.start();
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until the test closes our input
        }
        Files.deleteIfExists(socket);
    }

    private static void serve(ServerSocketChannel server) {
        try {
            while (true) {
                try (SocketChannel client = server.accept()) {
                    System.out.println("connection");
                    System.out.flush();
                    ByteBuffer buffer = ByteBuffer.allocate(4096);
                    while (client.read(buffer.clear()) > 0) {
                        System.out.println("received " + new String(buffer.array(), 0, buffer.position(),
                                StandardCharsets.UTF_8).strip());
                        System.out.flush();
                    }
                }
            }
        } catch (IOException e) {
            System.out.println("stopped " + e);
        }
    }
}
