package dev.aiq.sample.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromium-driver (both from apt; {@code .ci/run} installs them), and
 * the few gestures the page's tests make: open a tab, type into the editor, take a screenshot.
 */
final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getProperty("ui.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("ui.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");
    /** The environment variable that makes the page's tests required rather than skipped where they cannot run. */
    static final String REQUIRED = "AIQ_DEV_UI_TESTS";

    final ChromeDriver driver;
    final WebDriverWait wait;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
        // CodeMirror redraws its lines as it goes: an element found a moment ago may be replaced; look again
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        this.wait.ignoring(StaleElementReferenceException.class);
    }

    /**
     * Skips the page's tests where they cannot run (no Chromium, or a jar built without Node.js, so without the
     * page), as on a fresh machine with only a JDK; where {@value #REQUIRED} is {@code required} (.ci/run sets it)
     * a missing piece fails them instead.
     */
    static void assumeAvailable(Path agentJar) {
        String missing = null;
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            missing = "the ui tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + DRIVER
                    + "): apt-get install -y chromium chromium-driver, as .ci/run does";
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

    static Browser start() {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--no-first-run", "--disable-extensions", "--window-size=1280,860");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 860));
        return new Browser(driver);
    }

    void tab(String name) {
        driver.findElement(By.cssSelector("nav button[data-tab='" + name + "']")).click();
    }

    /** The editor's line that contains {@code text}. */
    WebElement editorLine(String text) {
        return wait.until(d -> d.findElements(By.cssSelector("#editor .cm-line")).stream()
                .filter(line -> line.getText().contains(text)).findFirst().orElse(null));
    }

    /** The 1-based number of the editor's line {@code line}. */
    int lineNumber(WebElement line) {
        List<WebElement> lines = driver.findElements(By.cssSelector("#editor .cm-content > .cm-line"));
        return lines.indexOf(line) + 1;
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** Saves a screenshot as {@code target/ui-screenshots/<name>.png}. */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
