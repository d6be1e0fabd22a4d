package dev.aiq.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.agent.control.ControlPlane;
import dev.aiq.agent.control.FakeDevModeControl;
import dev.aiq.agent.control.TestControlPlanes;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A shared machine with a second, unprivileged user: the CLI run as root trusts only the target's own user. A
 * squatted attach socket, a look-alike JVM of the other user and a JVM publishing someone else's control socket are
 * each refused with nothing sent; the agent refuses a peer of another user. Skipped, saying why, where no second user
 * can be made (not root).
 */
class OtherUserIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String SECRET = "sk-LIVE-" + RUN + "0123456789";
    private static OtherUser other;

    @BeforeAll
    static void createUser() throws IOException, InterruptedException {
        other = OtherUser.createOrSkip(IdleChild.class, SocketSquatter.class, SocketProbe.class);
    }

    @AfterAll
    static void removeUser() throws IOException, InterruptedException {
        if (other != null) {
            other.close();
        }
    }

    @Test
    void aSquattedAttachSocketOfARootJvmIsRefusedAndReceivesNothing() throws Exception {
        try (JavaProcess target = JavaProcess.idleChild("squatted-" + RUN)) {
            Path attachSocket = Path.of("/tmp/.java_pid" + target.pid());
            Files.deleteIfExists(attachSocket);
            try (OtherUser.Program squatter = other.start(List.of(), SocketSquatter.class, attachSocket.toString())) {
                Cli.Result result = Cli.run("set", Long.toString(target.pid()), "llms.x.api_key", SECRET);

                assertThat(result.exitCode()).isEqualTo(1);
                assertThat(result.err()).startsWith("refused: the attach socket ")
                        .contains("belongs to " + OtherUser.NAME + ", not to root", "nothing was sent");
                assertThat(squatter.finish()).doesNotContain("connection", "received");
            }
        }
    }

    @Test
    void aLookAlikeJvmOfAnotherUserIsNeitherListedNorMatched() throws Exception {
        try (OtherUser.Program lookAlike = other.start(List.of(), IdleChild.class, "lookalike-" + RUN)) {
            Cli.Result bySubstring = Cli.run("set", "lookalike-" + RUN, "llms.x.api_key", SECRET);
            Cli.Result list = Cli.run("list");

            assertThat(bySubstring.exitCode()).isEqualTo(1);
            assertThat(bySubstring.err()).isEqualTo("no running JVM matches 'lookalike-" + RUN
                    + "' (aiq-dev list shows them)\n");
            assertThat(list.out()).doesNotContain("lookalike-" + RUN)
                    .doesNotContainPattern("(?m)^ *" + lookAlike.pid() + " ");
        }
    }

    @Test
    void aJvmPublishingAnotherProcesssSocketIsRefusedAndTheSocketReceivesNothing() throws Exception {
        Path rootDirectory = Files.createTempDirectory("aiq-dev-root-");
        Path rootSocket = rootDirectory.resolve(ProcessHandle.current().pid() + ".sock");
        try (ServerSocketChannel listener = bind(rootSocket);
             OtherUser.Program publisher = other.start(List.of("-D" + ControlPlane.SOCKET_PROPERTY + "=" + rootSocket),
                     IdleChild.class, "publisher-" + RUN)) {
            Cli.Result result = Cli.run("set", Long.toString(publisher.pid()), "llms.x.api_key", SECRET);

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).startsWith("refused: the control socket " + rootSocket)
                    .contains("is not named after its pid", "nothing was sent");
            assertThat(accepted(listener)).isNull();
        } finally {
            Files.deleteIfExists(rootSocket);
            Files.deleteIfExists(rootDirectory);
        }
    }

    @Test
    void aJvmPublishingARootSocketNamedAfterItselfIsRefused() throws Exception {
        Path rootDirectory = Files.createTempDirectory("aiq-dev-root-");
        try (OtherUser.Program publisher = other.startPublishing(rootDirectory, IdleChild.class, "named-" + RUN)) {
            Path rootSocket = rootDirectory.resolve(publisher.pid() + ".sock");
            try (ServerSocketChannel listener = bind(rootSocket)) {
                Cli.Result result = Cli.run("set", Long.toString(publisher.pid()), "llms.x.api_key", SECRET);

                assertThat(result.exitCode()).isEqualTo(1);
                assertThat(result.err()).startsWith("refused: the control socket " + rootSocket)
                        .contains("is not its own", "belongs to root, not to " + OtherUser.NAME);
                assertThat(accepted(listener)).isNull();
            } finally {
                Files.deleteIfExists(rootSocket);
            }
        } finally {
            Files.deleteIfExists(rootDirectory);
        }
    }

    @Test
    void aSocketOfAnotherUserNamedAfterARootProcessIsRefusedBeforeAnythingIsSent() throws Exception {
        Path directory = Files.createTempDirectory(Path.of("/tmp"), "aiq-dev-other-");
        Files.setAttribute(directory, "unix:uid", uidOf(OtherUser.NAME), LinkOption.NOFOLLOW_LINKS);
        Path socket = directory.resolve(ProcessHandle.current().pid() + ".sock");
        try (OtherUser.Program squatter = other.start(List.of(), SocketSquatter.class, socket.toString())) {
            Cli.Result result = Cli.run("set", socket.toString(), "llms.x.api_key", SECRET);

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.err()).contains("refused: " + socket + " is served by user " + OtherUser.NAME
                    + ", but process " + ProcessHandle.current().pid() + " belongs to root");
            assertThat(squatter.finish()).doesNotContain("received");
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(directory);
        }
    }

    @Test
    void theAgentRefusesAPeerOfAnotherUserEvenWhenTheSocketIsOpenedUp() throws Exception {
        FakeDevModeControl control = new FakeDevModeControl();
        Path base = Files.createTempDirectory(Path.of("/tmp"), "aiq-dev-plane-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        ControlPlane plane = TestControlPlanes.start(control, base);
        try {
            Files.setPosixFilePermissions(plane.socket().getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(plane.socket(), PosixFilePermissions.fromString("rw-rw-rw-"));
            try (OtherUser.Program probe = other.start(List.of(), SocketProbe.class, plane.socket().toString())) {
                assertThat(probe.firstLine()).isEqualTo("reply {\"ok\":false,\"error\":\"refused: this control "
                        + "socket serves only root, not " + OtherUser.NAME + "\"}");
            }
            assertThat(control.calls()).isEmpty();
        } finally {
            plane.close();
            Files.deleteIfExists(base);
        }
    }

    private static ServerSocketChannel bind(Path socket) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(socket));
        listener.configureBlocking(false);
        return listener;
    }

    /** A connection someone made to {@code listener}, or null: the CLI has returned, so any would be there. */
    private static SocketChannel accepted(ServerSocketChannel listener) throws IOException {
        return listener.accept();
    }

    private static int uidOf(String user) throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u", user).start();
        String uid = new String(id.getInputStream().readAllBytes()).strip();
        id.waitFor();
        return Integer.parseInt(uid);
    }
}
