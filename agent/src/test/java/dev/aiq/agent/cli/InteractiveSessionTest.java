package dev.aiq.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.agent.control.ControlPlane;
import dev.aiq.agent.control.FakeDevModeControl;
import dev.aiq.agent.control.TestControlPlanes;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aiq-dev interactive} fed through a pipe: keys map to operations, no prompt, end of input quits. */
class InteractiveSessionTest {

    @TempDir
    Path tmp;

    private final FakeDevModeControl control = new FakeDevModeControl();
    private ControlPlane plane;
    private String socket;

    @BeforeEach
    void startPlane() throws IOException {
        plane = TestControlPlanes.start(control, tmp);
        socket = plane.socket().toString();
    }

    @AfterEach
    void closePlane() {
        plane.close();
    }

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
                """, "interactive", socket);

        assertThat(result.exitCode()).isZero();
        assertThat(control.calls()).containsExactly("reload(false)", "validate(null)", "history()", "rollback(1)",
                "rollback(2)", "clearHistory()", "status()", "diff(0,0)", "diff(3,5)",
                "set(workflow.system_prompt,You are a careful assistant.)", "unset(workflow.system_prompt)");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void pipedInputGetsNoPromptAndEndOfInputQuits() {
        Cli.Result result = Cli.runWithInput("r\n", "interactive", socket);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("aiq-dev interactive: " + socket + ". Type help for the commands, q to "
                + "quit.\n"
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
                """, "interactive", socket);

        assertThat(result.exitCode()).isZero();
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

        Cli.Result result = Cli.runWithInput("b\nb\n", "interactive", socket);

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEqualTo("nothing to roll back to\nnothing to roll back to\n");
    }

    @Test
    void helpListsTheKeys() {
        Cli.Result result = Cli.runWithInput("help\n", "interactive", socket);

        assertThat(result.out()).contains("  r              reload the config now",
                "  b [N]          roll back N generations (default 1)", "  q              quit");
    }
}
