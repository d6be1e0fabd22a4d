package dev.aiq.agent.control;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** A test fixture: starts a {@link ControlPlane} with its socket under a test's own temp directory. */
public final class TestControlPlanes {

    private TestControlPlanes() {
    }

    /** Starts serving {@code control} at {@code <tempDir>/aiq-dev-<uid>-<random>/<pid>.sock}. */
    public static ControlPlane start(DevModeControl control, Path tempDir) throws IOException {
        return ControlPlane.start(control, tempDir, Duration.ofSeconds(30));
    }
}
