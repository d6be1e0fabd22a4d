package dev.aiq.sample.ui;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Assumptions;

/**
 * When the page's tests run: where the browser they drive is installed and the agent's jar holds the page. On a fresh
 * machine with only a JDK they are skipped; where {@value #REQUIRED} is {@code required} ({@code .ci/run} sets it) a
 * missing piece fails them instead, so that CI cannot pass by skipping them.
 */
final class PageTests {

    /** The environment variable that makes the page's tests required rather than skipped where they cannot run. */
    static final String REQUIRED = "AIQ_DEV_UI_TESTS";

    /** Where the page's tests write their screenshots (docs/ui.md's images are copied from here). */
    static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

    private PageTests() {
    }

    /**
     * Skips (or, where required, fails) the calling test class unless every one of {@code programs} is executable and
     * {@code agentJar} holds the page; {@code install} says how to get the programs.
     */
    static void assumeRunnable(Path agentJar, String install, Path... programs) {
        String missing = null;
        if (!Arrays.stream(programs).allMatch(Files::isExecutable)) {
            missing = "the ui tests need " + Arrays.toString(programs) + ": " + install + ", as .ci/run does";
        } else if (!holdsThePage(agentJar)) {
            missing = agentJar + " was built without the ui page (no npm on the build machine): install Node.js";
        }
        if (missing != null && "required".equals(System.getenv(REQUIRED))) {
            throw new AssertionError(missing);
        }
        Assumptions.assumeTrue(missing == null, missing);
    }

    private static boolean holdsThePage(Path agentJar) {
        try (JarFile jar = new JarFile(agentJar.toFile())) {
            return jar.getEntry("dev/aiq/agent/ui/assets/app.js") != null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines {@code process} prints, collected as they come by a daemon thread named {@code name}. */
    static List<String> outputOf(Process process, String name) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(output ended: " + e.getMessage() + ")");
            }
        }, name);
        pump.setDaemon(true);
        pump.start();
        return lines;
    }

    /** Writes {@code png} as {@code target/ui-screenshots/<name>.png}. */
    static void saveScreenshot(String name, byte[] png) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
