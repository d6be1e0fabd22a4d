package dev.aiq.sample.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiq.sample.testing.Cli;
import dev.aiq.sample.testing.ControlItConfig;
import dev.aiq.sample.testing.HostProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aiq-dev ui} in Debian's headless Firefox (ESR), driven over WebDriver BiDi ({@link FirefoxBidi}), against a
 * sample host under the agent: the smoke subset of {@link UiPageIT} that says the page works in Firefox too. The
 * page loads with the token and shows the host's config and generation; an edit typed into the editor is checked by
 * the running app (a broken one marked at its line) and, saved, reaches {@code /generate}; the timeline shows a
 * reload as it happens.
 */
class FirefoxPageIT {

    private static final Duration POLL = Duration.ofMillis(200);
    /** The editor's lines, in order (the config is short: CodeMirror renders every one). */
    private static final String LINES = "[...document.querySelectorAll('#editor .cm-content > .cm-line')]";

    @TempDir
    static Path temp;

    private static UiHost fixture;
    private static FirefoxBidi firefox;

    @BeforeAll
    static void startTheHostTheServerAndFirefox() {
        FirefoxBidi.assumeAvailable(Cli.jar());
        fixture = UiHost.start(temp);
        firefox = FirefoxBidi.start();
    }

    @AfterAll
    static void stopEverything() {
        try {
            if (firefox != null) {
                firefox.close();
            }
        } finally {
            if (fixture != null) {
                fixture.close();
            }
        }
    }

    @BeforeEach
    void startFromAKnownConfig() {
        fixture.startFromTheKnownConfig();
    }

    @Test
    void thePageLoadsWithTheTokenAndShowsTheHostsConfigAndGeneration() {
        long generation = fixture.api.generation();

        open();

        String status = until(() -> firefox.text("status"), text -> text.contains(fixture.config.toString()));
        assertThat(status).contains("Generation", "config.yml", "dev.aiq.sample.config.ConfigLoader#load");
        until(() -> firefox.text("generation"), ("generation " + generation)::equals);
        firefox.screenshot("firefox-status");

        firefox.click("nav button[data-tab='live']");

        String live = until(() -> firefox.text("live"), text -> text.contains("temperature: 0.7"));
        assertThat(live).contains("model_name: meta/llama-3.1-70b-instruct", "max_tokens: 1024");
    }

    @Test
    void aBrokenEditIsMarkedAtItsLineAndAGoodOneSavedReachesGenerate() {
        long generation = fixture.api.generation();
        int temperatureLine = UiHost.lineOf(fixture.dir.read("config.yml"), "temperature: 0.7");
        openEditor();

        replaceValue("temperature: 0.7", 3, "7.5");

        until(() -> firefox.text("validation"), text -> text.contains("temperature 7.5 is outside"));
        until(FirefoxPageIT::markedLine, Integer.toString(temperatureLine)::equals);
        assertThat(lineText(temperatureLine)).contains("temperature: 7.5");
        assertThat(firefox.text("validation")).contains("would refuse", "config.yml:" + temperatureLine
                + ":5: llms.nim_llm.temperature: temperature 7.5 is outside 0..2");
        firefox.screenshot("firefox-editor-error");
        assertThat(fixture.api.temperature()).as("nothing is saved while typing").isEqualTo("0.7");

        replaceValue("temperature: 7.5", 3, "0.3");

        until(() -> firefox.text("validation"), text -> text.contains("llms.nim_llm.temperature 0.7 → 0.3"));
        assertThat(firefox.text("validation")).startsWith("✔ The running app accepts this");
        until(FirefoxPageIT::markedLine, "0"::equals);

        firefox.click("#save");

        await().atMost(HostProcess.TIMEOUT).until(fixture.api::temperature, "0.3"::equals);
        assertThat(fixture.api.answer("hello")).contains("temperature=0.3");
        assertThat(fixture.api.generation()).isEqualTo(generation + 1);
        until(() -> firefox.text("save-message"), text -> text.contains("Applied"));
        assertThat(fixture.dir.read("config.yml")).contains("temperature: 0.3");
    }

    @Test
    void theTimelineShowsAReloadAsItHappens() {
        open();
        firefox.click("nav button[data-tab='timeline']");
        until(() -> firefox.text("timeline"), text -> text.contains("Reloads appear here"));
        // the page follows the target from the moment it opened; the stream says when it is connected
        until(() -> firefox.value("() => window.aiqDevFollowing === true"), "true"::equals);

        fixture.dir.writeAtomically("config.yml", ControlItConfig.with("0.55", 1024));

        await().atMost(HostProcess.TIMEOUT).until(fixture.api::temperature, "0.55"::equals);
        String entry = until(() -> firefox.value("() => { const e = document.querySelector("
                + "\"#timeline li[data-kind='RELOAD']\"); return e ? e.className + ' | ' + e.innerText + ' | '"
                + " + e.querySelectorAll('.bar').length : ''; }"), text -> !text.isEmpty());
        assertThat(entry).startsWith("good | ").contains("reload", "Configuration reloaded successfully")
                .endsWith(" | 3");
        assertThat(firefox.value("() => document.querySelectorAll('#chart circle').length")).isEqualTo("1");
        firefox.screenshot("firefox-timeline");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** Opens the page with the token; the server trades it for a cookie and the page drops it from the address. */
    private static void open() {
        firefox.navigate(fixture.ui.url());
        until(() -> firefox.value("() => location.href"), ("http://127.0.0.1:" + fixture.ui.port() + "/")::equals);
    }

    private static void openEditor() {
        open();
        firefox.click("nav button[data-tab='files']");
        until(() -> firefox.text("save-message"), text -> text.startsWith("Loaded config.yml"));
        until(() -> lineHolding("temperature: 0.7"), line -> !"0".equals(line));
    }

    /** Clicks the editor's line holding {@code text}, goes to its end, deletes {@code delete} characters and types. */
    private static void replaceValue(String text, int delete, String typed) {
        until(() -> lineHolding(text), line -> !"0".equals(line));
        firefox.clickElement("(text) => " + LINES + ".find((line) => line.textContent.includes(text))", text);
        firefox.type(FirefoxBidi.END, FirefoxBidi.BACKSPACE.repeat(delete), typed);
        until(() -> lineHolding(text.substring(0, text.length() - delete) + typed), line -> !"0".equals(line));
    }

    /** The 1-based number of the editor's line holding {@code text}, "0" for none. */
    private static String lineHolding(String text) {
        return firefox.value("(text) => " + LINES + ".findIndex((line) => line.textContent.includes(text)) + 1", text);
    }

    /** The 1-based number of the editor's first line with an error marker, "0" for none. */
    private static String markedLine() {
        return firefox.value("() => " + LINES + ".findIndex((line) => line.querySelector('.cm-lintRange-error')) + 1");
    }

    private static String lineText(int number) {
        return firefox.value("(n) => " + LINES + "[Number(n) - 1]?.textContent ?? ''", Integer.toString(number));
    }

    /** Waits (polling the page) until {@code read} gives a value that {@code done} accepts, and returns it. */
    private static String until(Callable<String> read, Predicate<String> done) {
        return await().atMost(FirefoxBidi.TIMEOUT).pollInterval(POLL).until(read, done);
    }
}
