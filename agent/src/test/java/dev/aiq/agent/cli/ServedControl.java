package dev.aiq.agent.cli;

import dev.aiq.agent.control.ControlPlane;
import dev.aiq.agent.control.DevModeControl;
import dev.aiq.agent.control.TestControlPlanes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test fixture, registered with {@code @RegisterExtension}: a control plane serving {@code control} during each
 * test, its socket in a temp directory of its own, closed after the test.
 */
final class ServedControl implements BeforeEachCallback, AfterEachCallback {

    private final DevModeControl control;
    private Path directory;
    private ControlPlane plane;

    ServedControl(DevModeControl control) {
        this.control = control;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        directory = Files.createTempDirectory("aiq-dev-cli-test");
        plane = TestControlPlanes.start(control, directory);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        plane.close();
        // closing removed the socket and its directory; what is left is empty
        Files.deleteIfExists(directory);
    }

    /** The plane of the running test. */
    ControlPlane plane() {
        return plane;
    }

    /** Its socket's path, as the commands take it for {@code <pid>}. */
    String socket() {
        return plane.socket().toString();
    }
}
