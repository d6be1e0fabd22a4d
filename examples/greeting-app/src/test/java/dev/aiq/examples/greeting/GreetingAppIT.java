package dev.aiq.examples.greeting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.api.DevMode;
import dev.aiq.junit.AiqDevApp;
import dev.aiq.junit.AiqDevCli;
import dev.aiq.junit.DevApp;
import dev.aiq.junit.Json;
import dev.aiq.junit.SaveStyle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The greeting app under the agent, tested as a user tests their app: through the kit's public API only. One app for
 * the class; each test leaves the original greeting live and on disk.
 */
@AiqDevApp(mainClass = GreetingApp.class, libraries = DevMode.class, config = "greeting.yaml",
        agentOptions = "delay=0.05")
class GreetingAppIT {

    private static final String ORIGINAL = "greeting: Hello\nname: world\n";

    @AfterEach
    void restoreTheOriginalGreeting(DevApp app) {
        if (!app.config().read("greeting.yaml").equals(ORIGINAL)) {
            app.edit(SaveStyle.IN_PLACE, ORIGINAL);
        }
        // a reload of its own settles what the watcher may still be reading: the original is live when it returns
        app.reload();
        assertThat(greets(app)).isEqualTo("Hello, world!");
    }

    @ParameterizedTest
    @EnumSource(value = SaveStyle.class, names = {"IN_PLACE", "ATOMIC_RENAME", "VIM", "JETBRAINS"})
    void everySaveOfTheFileIsGreetedNext(SaveStyle style, DevApp app) {
        long before = app.generation();

        Json outcome = app.awaitNextGeneration(() -> app.edit(style, "greeting: Hi\nname: " + style + "\n"));

        assertThat(outcome.path("success").asBoolean()).as(outcome.toString()).isTrue();
        assertThat(outcome.path("generation").asLong()).isGreaterThan(before);
        assertThat(greets(app)).isEqualTo("Hi, " + style + "!");
    }

    @Test
    void aGreetingTheAppRefusesIsReportedWithTheAppsReasonAndTheLastGoodOneStays(DevApp app) {
        long before = app.generation();

        Json failure = app.awaitNextFailure(() -> app.edit(SaveStyle.ATOMIC_RENAME, "name: nobody\n"));

        assertThat(failure.path("errors").toString()).contains("'greeting' is required");
        assertThat(app.generation()).isEqualTo(before);
        assertThat(greets(app)).isEqualTo("Hello, world!");
    }

    @Test
    void aYamlErrorIsReportedWithFileLineAndColumn(DevApp app) {
        Json failure = app.awaitNextFailure(() -> app.edit(SaveStyle.IN_PLACE, "greeting: Hi\nname world\n"));

        assertThat(failure.path("errors", 0).asText()).startsWith("greeting.yaml:2:1: ");
        assertThat(greets(app)).isEqualTo("Hello, world!");
    }

    @Test
    void aLiveOverrideIsGreetedAndGoesAwayWhenUnset(DevApp app) {
        app.awaitNextGeneration(() -> app.set("name", "override"));
        assertThat(greets(app)).isEqualTo("Hello, override!");

        app.awaitNextGeneration(() -> app.unset("name"));
        assertThat(greets(app)).isEqualTo("Hello, world!");
    }

    @Test
    void aRollbackGreetsWithThePreviousGenerationAndTheHistorySaysSo(DevApp app) {
        app.awaitNextGeneration(() -> app.edit(SaveStyle.IN_PLACE, "greeting: Bonjour\nname: monde\n"));
        long edited = app.generation();

        app.awaitNextGeneration(app::rollback);

        assertThat(greets(app)).isEqualTo("Hello, world!");
        assertThat(app.lastOutcome().path("kind").asText()).isEqualTo("ROLLBACK");
        assertThat(app.history().elements()).extracting(item -> item.path("generation").asLong())
                .contains(edited, edited + 1);
    }

    @Test
    void theCommandLineSeesWhatTheSocketSees(DevApp app) {
        AiqDevCli.Result status = app.cli("status", "--json");

        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.json().path("configs", 0, "generation").asLong()).isEqualTo(app.generation());
        assertThat(status.json().path("configs", 0, "configFile").asText()).isEqualTo(app.configFile().toString());
    }

    @Test
    void theAgentAndTheAppPrintIntoTheSameOutput(DevApp app) {
        assertThat(app.output()).anyMatch(line -> line.startsWith("READY Hello, world!"));
        assertThat(String.join("\n", app.output())).contains("Development Mode Active");
    }

    /** Asks the app to greet and returns what it said. */
    private static String greets(DevApp app) {
        int mark = app.process().mark();
        app.process().send("greet");
        return app.process().awaitLineAfter(mark, "GREETING ").substring("GREETING ".length());
    }
}
