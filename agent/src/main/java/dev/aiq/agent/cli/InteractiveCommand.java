package dev.aiq.agent.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code aiq-dev interactive}: a prompt with the toolkit's one-letter keys over a target's control socket.
 * Internal.
 */
@Command(name = "interactive", mixinStandardHelpOptions = true,
        description = {"A prompt for one app: r reload, v validate, s snapshots (history), b [N] rollback, "
                + "c clear history, i status, q quit; also set P V, unset P, diff [N M], config [CONFIG], help.",
                "Reads commands from standard input, so it also takes a pipe; end of input quits. On a pipe it exits 1 "
                        + "when a command failed. It ends (exit 1) when the app does."})
final class InteractiveCommand implements Callable<Integer> {

    @ParentCommand
    private AiqDevCommand cli;

    @Parameters(index = "0", paramLabel = "<pid>",
            description = "Process id, substring of its main class and arguments, or control socket path.")
    private String target;

    @Option(names = "--config", paramLabel = "CONFIG", description = ControlCommands.CONFIG_DESCRIPTION
            + " The prompt's config command switches.")
    private String config;

    @Override
    public Integer call() throws CliException, IOException {
        ControlSession session = ControlSession.open(target);
        endWithTheApp(session);
        ControlOperations operations = new ControlOperations(session, cli.human(), cli.io().out(), false)
                .withConfig(config);
        return new InteractiveSession(operations, cli.io()).run(session.describe());
    }

    /** When the app ends, so does the prompt: nothing it could do would reach the app any more. */
    private void endWithTheApp(ControlSession session) {
        if (session.pid() <= 0) {
            return;
        }
        ProcessHandle.of(session.pid()).ifPresent(app -> app.onExit().thenRun(() -> {
            cli.io().out().println();
            cli.io().out().println("the app " + session.describe() + " has ended; leaving interactive");
            cli.io().out().flush();
            System.exit(CliException.FAILURE);
        }));
    }
}
