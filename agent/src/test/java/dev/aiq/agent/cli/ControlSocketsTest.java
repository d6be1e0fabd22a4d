package dev.aiq.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.agent.control.SocketLocation;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where the CLI finds a JVM's control socket without attaching: a socket made before the process started is a
 * crashed JVM's of the same pid, which nobody serves, and is not taken for this one's.
 */
class ControlSocketsTest {

    private final long self = ProcessHandle.current().pid();
    private Path directory;
    private Path socket;
    private ServerSocketChannel server;

    @BeforeEach
    void bindASocketWhereAnAgentOfThisJvmWould() throws Exception {
        long uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        directory = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")),
                SocketLocation.directoryPrefix(Long.toString(uid)),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        socket = directory.resolve(TargetVm.namespacePid(self) + ".sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
    }

    @AfterEach
    void removeIt() throws Exception {
        server.close();
        Files.deleteIfExists(socket);
        Files.deleteIfExists(directory);
    }

    @Test
    void aSocketMadeSinceTheProcessStartedIsItsOwn() {
        assertThat(ControlSockets.of(self)).isEqualTo(socket);
    }

    @Test
    void aSocketOlderThanTheProcessIsACrashedJvmsAndIsNotTaken() throws Exception {
        Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
        Files.setLastModifiedTime(socket, FileTime.from(started.minusSeconds(3600)));

        assertThat(ControlSockets.of(self)).isNull();
    }
}
