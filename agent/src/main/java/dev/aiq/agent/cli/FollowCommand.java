package dev.aiq.agent.cli;

import picocli.CommandLine.Command;

/**
 * {@code aiq-dev follow}: the outcomes of one app, as they happen, in another terminal. Ctrl+C is the usual way out
 * and ends with 0; the app going away ends with 1, a detach with 0. Internal.
 */
@Command(name = "follow", mixinStandardHelpOptions = true,
        description = {"Print every outcome of <pid> (reloads, failures, rollbacks, overrides) as it happens, of the "
                + "config named with --config or of all; until Ctrl+C (exit 0), a detach (0) or the app ends (1).",
                "With --json: one JSON object per line."})
final class FollowCommand extends ControlCommands.ConfigCommand {

    /** Set once the stream has ended by itself: Ctrl+C after that is the JVM's own exit, not ours. */
    private volatile boolean ended;

    @Override
    int run(ControlOperations operations) throws CliException {
        Thread ctrlC = new Thread(this::interrupted, "aiq-dev-follow-stop");
        Runtime.getRuntime().addShutdownHook(ctrlC);
        try {
            return operations.follow();
        } finally {
            ended = true;
        }
    }

    /** The JVM is ending while following: Ctrl+C (or a kill) is how the user stops it, a success. */
    private void interrupted() {
        if (!ended) {
            cli.io().out().flush();
            Runtime.getRuntime().halt(0);
        }
    }
}
