package dev.aiq.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.agent.control.FakeDevModeControl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code aiq-dev interactive} fed through a pipe: keys map to operations, no prompt, end of input quits. */
class InteractiveSessionTest {

    private final FakeDevModeControl control = new FakeDevModeControl();
    @RegisterExtension
    final ServedControl served = new ServedControl(control);

    @Test
    void keysRunTheirOperationsInOrder() {
        Cli.Result result = Cli.runWithInput("""
                r
                v
                s
                b
                b 2
                c
                i
                diff
                diff 3 5
                set workflow.system_prompt You are a careful assistant.
                unset workflow.system_prompt
                q
                r
                """, "interactive", served.socket());

        assertThat(result.exitCode()).isZero();
        assertThat(control.calls()).containsExactly("reload(false)", "validate(null)", "history()", "rollback(1)",
                "rollback(2)", "clearHistory()", "status()", "diff(0,0)", "diff(3,5)",
                "set(workflow.system_prompt,You are a careful assistant.)", "unset(workflow.system_prompt)");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void pipedInputGetsNoPromptAndEndOfInputQuits() {
        Cli.Result result = Cli.runWithInput("r\n", "interactive", served.socket());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("aiq-dev interactive: " + served.socket() + ". Type help for the commands, "
                + "q to quit.\n"
                + "Configuration reloaded successfully (generation 7)\n"
                + "  llms.nim_llm.temperature: 0.7 -> 0.9\n"
                + "  read 1.5 ms, validate 2.3 ms, apply 3.0 ms\n");
    }

    @Test
    void mistakesAreReportedAndTheSessionGoesOn() {
        Cli.Result result = Cli.runWithInput("""
                x
                b two
                set onlypath
                diff 3
                i
                """, "interactive", served.socket());

        assertThat(result.exitCode()).as("on a pipe, a failed command makes the exit code 1").isEqualTo(1);
        assertThat(result.err()).isEqualTo("""
                unknown command 'x'; type help for the commands
                b takes a number of generations, 1 or more: b 2
                set takes PATH VALUE
                diff takes no generation or two: diff N M
                """);
        assertThat(control.calls()).containsExactly("status()");
    }

    @Test
    void agentErrorsAreReportedAndTheSessionGoesOn() {
        control.failWith(new IllegalStateException("nothing to roll back to"));

        Cli.Result result = Cli.runWithInput("b\nb\n", "interactive", served.socket());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("nothing to roll back to\nnothing to roll back to\n");
    }

    @Test
    void aFailedOutcomeOnAPipeEndsWithOne() {
        control.answerWith(new dev.aiq.agent.protocol.ReloadOutcome(dev.aiq.agent.protocol.ReloadOutcome.Kind.RELOAD,
                false, 7, "config.yml:3:1: broken", java.util.List.of("config.yml:3:1: broken"), java.util.List.of(),
                dev.aiq.agent.protocol.Timings.NONE, FakeDevModeControl.AT));

        Cli.Result failed = Cli.runWithInput("r\ni\n", "interactive", served.socket());
        Cli.Result fine = Cli.runWithInput("i\n", "interactive", served.socket());

        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(control.calls()).startsWith("reload(false)");
        assertThat(fine.exitCode()).isZero();
    }

    @Test
    void helpListsTheKeys() {
        Cli.Result result = Cli.runWithInput("help\n", "interactive", served.socket());

        assertThat(result.out()).contains("  r              reload the config now",
                "  b [N]          roll back N generations (default 1)", "  q              quit");
    }
}
