package dev.aiq.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exit codes and messages of the command line for help, version and arguments that do not parse. */
class CommandLineUsageTest {

    @Test
    void noCommandPrintsTheUsageAsAUsageError() {
        Cli.Result result = Cli.run();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("Usage: aiq-dev [-hV] [COMMAND]");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        Cli.Result result = Cli.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("  list ", "  attach ", "  status ", "  reload ", "  validate ", "  diff ",
                "  history ", "  rollback ", "  set ", "  unset ", "  detach ", "  interactive ", "  ui ", "Exit codes:",
                "  2   usage error");
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "attach", "status", "reload", "validate", "diff", "history", "rollback", "set",
            "unset", "detach", "interactive", "ui"})
    void everyCommandHasHelp(String command) {
        Cli.Result result = Cli.run(command, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: aiq-dev " + command + " ");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void helpCommandShowsACommandsHelp() {
        Cli.Result result = Cli.run("help", "rollback");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: aiq-dev rollback ").contains("--steps=N");
    }

    @Test
    void versionNamesTheJava() {
        Cli.Result result = Cli.run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("aiq-dev ")
                .contains("running on Java " + System.getProperty("java.version"));
    }

    @Test
    void unknownCommandIsAUsageError() {
        Cli.Result result = Cli.run("restart", "4242");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("Unmatched arguments from index 0: 'restart', '4242'")
                .endsWith("Try 'aiq-dev --help' for more information.\n");
    }

    @Test
    void offlineValidateWithoutAConfigIsAUsageError() {
        Cli.Result result = Cli.run("validate");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("validate needs --config_file FILE, or a <pid> to ask a running app\n"
                + "Try 'aiq-dev validate --help' for more information.\n");
    }

    @Test
    void overrideWithoutItsValueIsAUsageError() {
        Cli.Result result = Cli.run("validate", "--config_file", "config.yml", "--override", "llms.a.temperature");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--override");
    }

    @Test
    void malformedOverridePathIsAUsageError() {
        Cli.Result result = Cli.run("validate", "--config_file", "config.yml", "--override", "llms..a", "1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("override path 'llms..a' is not a dotted path");
    }

    @Test
    void overridesAreRefusedForAValidationInARunningApp() {
        Cli.Result result = Cli.run("validate", "4242", "--override", "a.b", "1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("--override is for offline validation;");
    }

    @Test
    void configOfARunningAppIsRefusedForAnOfflineValidation() {
        Cli.Result result = Cli.run("validate", "--config_file", "config.yml", "--config", "tools");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("--config chooses a config of a running app (give a <pid>);");
    }

    @Test
    void detachTakesNoConfig() {
        Cli.Result result = Cli.run("detach", "4242", "--config", "tools");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("Unknown options: '--config', 'tools'");
    }

    @Test
    void controlCommandWithoutATargetIsAUsageError() {
        Cli.Result result = Cli.run("status");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("Missing required parameter: '<pid>'");
    }

    @Test
    void setWithoutAValueIsAUsageError() {
        Cli.Result result = Cli.run("set", "4242", "llms.nim_llm.temperature");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("Missing required parameter: 'VALUE'");
    }

    @Test
    void rollbackOfZeroStepsIsAUsageError() {
        Cli.Result result = Cli.run("rollback", "4242", "--steps", "0");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("--steps must be 1 or more, got 0");
    }

    @Test
    void negativeGenerationIsAUsageError() {
        Cli.Result result = Cli.run("diff", "4242", "--from", "-1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("generations are 1 or more");
    }

    @Test
    void attachOptionWithoutAValueIsAUsageError() {
        Cli.Result result = Cli.run("attach", "4242", "--option", "novalue");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("should be in KEY=VALUE format but was novalue");
    }

    @Test
    void negativeDelayIsAUsageError() {
        Cli.Result result = Cli.run("attach", "4242", "--delay", "-0.5");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("seconds must be a number of 0 or more, got -0.5");
    }

    @Test
    void providerWithoutAMethodIsAUsageError() {
        Cli.Result result = Cli.run("attach", "4242", "--provider", "com.acme.ConfigLoader");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("--provider takes CLASS#METHOD");
    }

    @Test
    void attachFromTheClassesDirectoryExplainsThatItNeedsTheJar() {
        // usage checked, then the jar: tests run from target/classes, so this fails before any JVM is touched
        Cli.Result result = Cli.run("attach", "4242");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("aiq-dev attaches only when run from its jar (java -jar aiq-dev.jar)");
    }
}
