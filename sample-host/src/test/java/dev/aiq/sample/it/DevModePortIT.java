package dev.aiq.sample.it;

import static dev.aiq.sample.testing.DevModeLines.ACTIVE;
import static dev.aiq.sample.testing.DevModeLines.RELOAD_DONE;
import static dev.aiq.sample.testing.WorkflowYaml.CONFIG;
import static dev.aiq.sample.testing.WorkflowYaml.QUESTION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.sample.testing.AgentJar;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.DevModeLines;
import dev.aiq.sample.testing.HostApi;
import dev.aiq.sample.testing.HostProcess;
import dev.aiq.sample.testing.Http;
import dev.aiq.sample.testing.WorkflowYaml;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Development mode moves the served front end when {@code general.front_end.port} is edited: the new port serves and
 * the old one stops; a port that is taken makes the app's reload listener veto the change, and the host keeps
 * serving where it was. One served host for the class, started on {@code port: 0} from its file (no override, which
 * would pin the port).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevModePortIT {

    private ConfigDir dir;
    private HostProcess host;
    /** The port in the config file that is live (0: any free one). */
    private int livePort;

    @BeforeAll
    void startTheHostOnAnyFreePort(@TempDir Path temp) {
        dir = ConfigDir.in(temp);
        WorkflowYaml.copyTo(dir);
        host = HostProcess.serve(dir.writeInPlace(CONFIG, WorkflowYaml.fixture().port(livePort).text()))
                .jvmArgs(AgentJar.javaagent("delay=0.05"))
                .start();
        host.awaitLine(ACTIVE);
    }

    @AfterAll
    void stopTheHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void aNewPortIsServedAndTheOldOneStops() throws IOException {
        int oldPort = host.port();
        long generation = HostApi.at(oldPort).generation();
        int newPort = freePort();
        int mark = host.mark();

        dir.writeInPlace(CONFIG, WorkflowYaml.fixture().port(newPort).text());

        host.awaitLineAfter(mark, "Serving on http://127.0.0.1:" + newPort);
        host.awaitLineAfter(mark, RELOAD_DONE);
        assertThat(host.linesAfter(mark)).contains("  general.front_end.port: " + livePort + " -> " + newPort);
        HostApi api = HostApi.at(newPort);
        assertThat(api.generation()).isEqualTo(generation + 1);
        assertThat(api.answer(QUESTION)).startsWith(WorkflowYaml.answeredBy(WorkflowYaml.MODEL, "0.5"));
        assertThat(Http.isServing(oldPort)).as("something still answers on the old port %d", oldPort).isFalse();
        livePort = newPort;
    }

    @Test
    void aTakenPortIsVetoedAndTheHostKeepsServing() throws IOException {
        int port = host.port();
        HostApi api = HostApi.at(port);
        long generation = api.generation();
        String config = api.config();
        int mark = host.mark();

        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dir.writeInPlace(CONFIG, WorkflowYaml.fixture().port(taken.getLocalPort()).text());

            assertThat(host.awaitLineAfter(mark, DevModeLines.failed(1))).isEqualTo(DevModeLines.failed(1)
                    + "reload listener dev.aiq.sample.HostReloader rejected the change: Address already in use");
            assertThat(api.generation()).isEqualTo(generation);
            assertThat(api.config()).isEqualTo(config);
            assertThat(host.port()).isEqualTo(port);
        }

        // the file back as it is live ends the failed edit, without a reload
        int restored = host.mark();
        dir.writeInPlace(CONFIG, WorkflowYaml.fixture().port(livePort).text());
        host.awaitLineAfter(restored,
                "Configuration file matches the live configuration again (generation " + generation + ")");
        assertThat(api.generation()).isEqualTo(generation);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
