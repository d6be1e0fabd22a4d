package dev.aiq.sample.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiq.sample.testing.Cli;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.ControlItConfig;
import dev.aiq.sample.testing.HostApi;
import dev.aiq.sample.testing.HostProcess;
import dev.aiq.sample.testing.ProcessSockets;
import dev.aiq.sample.testing.TestResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * {@code aiq-dev ui} in a real headless Chromium against a sample host under the agent (watching on, no delay): the
 * page shows the host's config, and its live config with a secret masked and a live override applied; an edit typed
 * into the editor and saved reaches {@code /generate}, a broken one is marked at its line and never reaches the host,
 * a file changed on disk blocks the save; the Files menu lists a base, an include and a prompt, and an include saved
 * from the page reaches the host; diff and rollback work from the page, and the timeline shows a reload made from the
 * file system. One host, one server and one browser serve every test; each test first writes the config it starts
 * from and opens the page afresh.
 */
class UiPageIT {

    private static final String SECRET = "nvapi-ui-page-it-secret-value";

    @TempDir
    static Path temp;

    private static UiHost fixture;
    private static ConfigDir dir;
    private static Path config;
    private static HostProcess host;
    private static HostApi api;
    private static UiProcess ui;
    private static Browser browser;

    @BeforeAll
    static void startTheHostTheServerAndTheBrowser() {
        Browser.assumeAvailable(Cli.jar());
        fixture = UiHost.start(temp);
        dir = fixture.dir;
        config = fixture.config;
        host = fixture.host;
        api = fixture.api;
        ui = fixture.ui;
        browser = Browser.start();
    }

    @AfterAll
    static void stopEverything() {
        if (browser != null) {
            browser.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @BeforeEach
    void startFromAKnownConfig() {
        fixture.startFromTheKnownConfig();
    }

    @Test
    void withoutTheTokenOrWithAnotherHostTheServerAnswers403() throws IOException {
        assertThat(statusLine("/", "127.0.0.1:" + ui.port(), null)).contains(" 403 ");
        assertThat(statusLine("/api/jvms", "127.0.0.1:" + ui.port(), "aiqdev_ui=guessed")).contains(" 403 ");
        String token = ui.url().substring(ui.url().indexOf("token=") + "token=".length());
        assertThat(statusLine("/api/jvms", "rebound.example:" + ui.port(), "aiqdev_ui=" + token))
                .as("a DNS-rebinding page sends its own host name").contains(" 403 ");
        assertThat(statusLine("/api/jvms", "127.0.0.1:" + ui.port(), "aiqdev_ui=" + token)).contains(" 200 ");
    }

    @Test
    void thePageShowsTheHostsStatusAndItsLiveConfig() {
        open();
        browser.wait.until(d -> browser.text("status").contains(config.toString()));
        assertThat(browser.text("status")).contains("Generation", "config.yml", "dev.aiq.sample.config.ConfigLoader#load");
        browser.screenshot("status");

        browser.tab("live");
        browser.wait.until(d -> browser.text("live").contains("temperature: 0.7"));
        assertThat(browser.text("live")).contains("model_name: meta/llama-3.1-70b-instruct", "max_tokens: 1024");
        browser.screenshot("live-config");
    }

    @Test
    void theLiveConfigShowsASecretMaskedAndTheValueOfALiveOverride() {
        String pid = Long.toString(host.process().pid());
        // another temperature than the start config's, so that the next test waits until that is back
        dir.writeAtomically("config.yml", ControlItConfig.with("0.45", 1024)
                .replace("    max_tokens: 1024\n", "    max_tokens: 1024\n    api_key: " + SECRET + "\n"));
        await().atMost(HostProcess.TIMEOUT).until(api::temperature, "0.45"::equals);
        Cli.Result set = Cli.run("set", pid, "llms.nim_llm.max_tokens", "256");
        try {
            assertThat(set.exitCode()).as(set.toString()).isZero();
            open();
            browser.tab("live");

            browser.wait.until(d -> browser.text("live").contains("max_tokens: 256"));

            assertThat(browser.text("live")).contains("temperature: 0.45", "api_key: '****'")
                    .doesNotContain(SECRET).doesNotContain("max_tokens: 1024");
            browser.screenshot("live-config-masked");
        } finally {
            Cli.Result unset = Cli.run("unset", pid, "llms.nim_llm.max_tokens");
            assertThat(unset.exitCode()).as(unset.toString()).isZero();
        }
    }

    @Test
    void theFilesMenuListsTheBaseTheIncludeAndThePromptAndAnIncludeSavedFromThePageReachesGenerate() {
        for (String file : List.of("base.yml", "llms.yml", "system-prompt.txt")) {
            dir.copyResource("ui/layered/" + file);
        }
        dir.writeAtomically("config.yml", TestResources.text("ui/layered/config.yml"));
        await().atMost(HostProcess.TIMEOUT).until(api::temperature, "0.65"::equals);
        long generation = api.generation();
        open();
        browser.tab("files");
        List<String> every = List.of(config.toString(), dir.file("base.yml").toString(),
                dir.file("llms.yml").toString(), dir.file("system-prompt.txt").toString());

        List<String> listed = browser.wait.until(d -> {
            List<String> values = d.findElements(By.cssSelector("#file option")).stream()
                    .map(option -> option.getAttribute("value")).toList();
            return values.containsAll(every) ? values : null;
        });
        assertThat(listed.get(0)).as("the root comes first").isEqualTo(config.toString());

        new Select(browser.driver.findElement(By.id("file"))).selectByValue(dir.file("llms.yml").toString());
        browser.wait.until(d -> browser.text("save-message").startsWith("Loaded llms.yml"));
        replaceValue("temperature: 0.65", 4, "0.35");
        browser.wait.until(d -> browser.text("validation").startsWith("✔ The running app accepts this"));
        browser.screenshot("editor-include");
        browser.driver.findElement(By.id("save")).click();

        // not the start config's temperature either: the next test waits until that is back
        await().atMost(HostProcess.TIMEOUT).until(api::temperature, "0.35"::equals);
        assertThat(api.generation()).isEqualTo(generation + 1);
        browser.wait.until(d -> browser.text("save-message").contains("Applied"));
        assertThat(dir.read("llms.yml")).contains("temperature: 0.35");
        assertThat(dir.read("config.yml")).isEqualTo(TestResources.text("ui/layered/config.yml"));
    }

    @Test
    void anEditOfTheTemperatureTypedAndSavedReachesGenerate() {
        long generation = api.generation();
        openEditor();
        replaceValue("temperature: 0.7", 3, "0.3");
        // keystrokes may come slower than the debounce: wait for the dry run of the whole edit
        browser.wait.until(d -> browser.text("validation").contains("llms.nim_llm.temperature 0.7 → 0.3"));
        assertThat(browser.text("validation")).startsWith("✔ The running app accepts this");
        browser.screenshot("editor-valid");

        browser.driver.findElement(By.id("save")).click();

        await().atMost(HostProcess.TIMEOUT).until(api::temperature, "0.3"::equals);
        assertThat(api.answer("hello")).contains("temperature=0.3");
        assertThat(api.generation()).isEqualTo(generation + 1);
        browser.wait.until(d -> browser.text("save-message").contains("Applied"));
        assertThat(dir.read("config.yml")).contains("temperature: 0.3");
    }

    @Test
    void aBrokenEditIsMarkedAtItsLineAndTheHostKeepsItsConfig() {
        long generation = api.generation();
        openEditor();
        WebElement line = replaceValue("temperature: 0.7", 3, "7.5");
        int expectedLine = UiHost.lineOf(dir.read("config.yml"), "temperature: 0.7");

        browser.wait.until(d -> browser.text("validation").contains("temperature 7.5 is outside"));
        WebElement marked = browser.wait.until(d -> d.findElements(By.cssSelector("#editor .cm-lintRange-error"))
                .stream().findFirst().orElse(null));
        WebElement markedLine = marked.findElement(By.xpath("./ancestor::div[contains(@class,'cm-line')]"));
        assertThat(markedLine.getText()).contains("temperature: 7.5");
        assertThat(browser.lineNumber(markedLine)).isEqualTo(expectedLine).isEqualTo(browser.lineNumber(line));
        assertThat(browser.text("validation")).contains("would refuse",
                "config.yml:" + expectedLine + ":5: llms.nim_llm.temperature: temperature 7.5 is outside 0..2");
        browser.screenshot("editor-error");

        browser.driver.findElement(By.id("save")).click();

        browser.wait.until(d -> browser.text("save-message").contains("Not applied"));
        assertThat(api.temperature()).isEqualTo("0.7");
        assertThat(api.generation()).isEqualTo(generation);
    }

    @Test
    void aFileChangedOnDiskMeanwhileBlocksTheSaveUntilItIsReloaded() {
        openEditor();
        replaceValue("temperature: 0.7", 3, "0.4");
        browser.wait.until(d -> browser.text("validation").contains("0.7 → 0.4"));
        dir.writeAtomically("config.yml", ControlItConfig.with("0.9", 1024));
        await().atMost(HostProcess.TIMEOUT).until(api::temperature, "0.9"::equals);

        browser.driver.findElement(By.id("save")).click();

        browser.wait.until(d -> browser.text("save-message").contains("changed on disk"));
        assertThat(dir.read("config.yml")).contains("temperature: 0.9").doesNotContain("temperature: 0.4");
        assertThat(api.temperature()).isEqualTo("0.9");
        WebElement reload = browser.driver.findElement(By.id("reload-file"));
        assertThat(reload.isDisplayed()).isTrue();
        browser.screenshot("save-conflict");

        reload.click();

        browser.editorLine("temperature: 0.9");
    }

    @Test
    void diffAndRollbackFromThePage() {
        dir.writeAtomically("config.yml", ControlItConfig.with("0.15", 1024));
        await().atMost(HostProcess.TIMEOUT).until(api::temperature, "0.15"::equals);
        long generation = api.generation();
        open();
        browser.tab("history");
        browser.wait.until(d -> !d.findElements(By.cssSelector("#history-rows tr")).isEmpty()
                && d.findElements(By.cssSelector("#history-rows tr")).get(0).getText().contains(generation + " (live)"));

        browser.driver.findElement(By.id("diff-button")).click();

        browser.wait.until(d -> browser.text("diff").contains("llms.nim_llm.temperature"));
        List<WebElement> cells = browser.driver.findElements(By.cssSelector("#diff tbody tr td"));
        assertThat(cells).extracting(WebElement::getText).containsExactly("llms.nim_llm.temperature", "0.7", "0.15");
        browser.screenshot("history-diff");

        browser.driver.findElement(By.cssSelector("#history-rows button.rollback[data-steps='1']")).click();

        await().atMost(HostProcess.TIMEOUT).until(api::temperature, "0.7"::equals);
        assertThat(api.generation()).isEqualTo(generation + 1);
        browser.wait.until(d -> browser.text("history-message").contains("rolled back"));
    }

    @Test
    void aLiveOverrideIsSetAndUnsetFromThePage() {
        open();
        browser.tab("overrides");
        browser.wait.until(d -> browser.text("overrides").contains("No live override set."));
        browser.driver.findElement(By.id("ov-path")).sendKeys("llms.nim_llm.temperature");
        browser.driver.findElement(By.id("ov-value")).sendKeys("1.25");

        browser.driver.findElement(By.cssSelector("#override-form button[type='submit']")).click();

        await().atMost(HostProcess.TIMEOUT).until(api::temperature, "1.25"::equals);
        browser.wait.until(d -> browser.text("overrides").contains("llms.nim_llm.temperature = 1.25"));
        browser.screenshot("overrides");

        browser.driver.findElement(By.cssSelector("#overrides button.unset")).click();

        await().atMost(HostProcess.TIMEOUT).until(api::temperature, "0.7"::equals);
        browser.wait.until(d -> browser.text("overrides").contains("No live override set."));
    }

    @Test
    void theTimelineShowsAReloadMadeFromTheFileSystem() {
        open();
        browser.tab("timeline");
        browser.wait.until(d -> browser.text("timeline").contains("Reloads appear here"));
        // the page follows the target from the moment it opened; give the stream a moment to be connected
        await().atMost(HostProcess.TIMEOUT).until(() -> followed());

        dir.writeAtomically("config.yml", ControlItConfig.with("0.55", 1024));

        await().atMost(HostProcess.TIMEOUT).until(api::temperature, "0.55"::equals);
        WebElement entry = browser.wait.until(d -> d.findElements(By.cssSelector("#timeline li[data-kind='RELOAD']"))
                .stream().findFirst().orElse(null));
        assertThat(entry.getAttribute("class")).isEqualTo("good");
        assertThat(entry.getText()).contains("reload", "Configuration reloaded successfully");
        assertThat(entry.findElements(By.cssSelector(".bar"))).hasSize(3);
        assertThat(browser.driver.findElements(By.cssSelector("#chart circle"))).hasSize(1);
        browser.screenshot("timeline");
    }

    @Test
    void theTargetOpensNoTcpPortWhileThePageIsOpen() {
        open();
        browser.wait.until(d -> browser.text("status").contains(config.toString()));
        await().atMost(HostProcess.TIMEOUT).until(UiPageIT::followed);

        assertThat(ProcessSockets.listeningTcpPorts(host.process().pid())).isEqualTo(fixture.portsBefore);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static void open() {
        browser.driver.get(ui.url());
        browser.wait.until(d -> d.getCurrentUrl().endsWith(":" + ui.port() + "/"));
    }

    private static void openEditor() {
        open();
        browser.tab("files");
        browser.editorLine("temperature: 0.7");
        browser.wait.until(d -> browser.text("save-message").startsWith("Loaded config.yml"));
    }

    /** Puts the cursor at the end of the line holding {@code text}, deletes {@code delete} characters and types. */
    private static WebElement replaceValue(String text, int delete, String typed) {
        WebElement line = browser.editorLine(text);
        Actions keys = new Actions(browser.driver).click(line).sendKeys(Keys.END);
        for (int i = 0; i < delete; i++) {
            keys.sendKeys(Keys.BACK_SPACE);
        }
        keys.sendKeys(typed).perform();
        return browser.editorLine(text.substring(0, text.length() - delete) + typed);
    }

    /** Whether the page's event stream is connected: the server said so in its first event. */
    private static boolean followed() {
        Object state = browser.driver.executeScript("return window.aiqDevFollowing === true;");
        return Boolean.TRUE.equals(state);
    }

    /** The status line of a GET sent over a raw socket: the JDK's HTTP client will not send another Host header. */
    private static String statusLine(String path, String hostHeader, String cookie) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), ui.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n"
                    + (cookie == null ? "" : "Cookie: " + cookie + "\r\n") + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return reply.lines().findFirst().orElse("");
        }
    }
}
