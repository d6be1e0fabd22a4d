package dev.aiq.sample.ui;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    final ChromeDriver driver;
    final WebDriverWait wait;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
        // CodeMirror redraws its lines as it goes: an element found a moment ago may be replaced; look again
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        this.wait.ignoring(StaleElementReferenceException.class);
    }

    /** Skips the page's tests where Chromium or the page is missing (see {@link PageTests#assumeRunnable}). */
    static void assumeAvailable(Path agentJar) {
        PageTests.assumeRunnable(agentJar, "apt-get install -y chromium chromium-driver", CHROMIUM, DRIVER);
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
        PageTests.saveScreenshot(name, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
