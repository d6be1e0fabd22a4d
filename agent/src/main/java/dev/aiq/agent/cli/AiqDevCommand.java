package dev.aiq.agent.cli;

import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code aiq-dev} command and what its subcommands share: the streams and the output for people. Internal. */
@Command(name = "aiq-dev", mixinStandardHelpOptions = true, versionProvider = AiqDevCommand.Version.class,
        description = {"Development mode for AIQ-style workflow processes on the JVM: load it into a running JVM, "
                + "then reload, validate, diff, roll back and override its workflow config live.",
                "",
                "<pid> is a process id, a substring of exactly one JVM's main class and arguments (as aiq-dev list "
                        + "shows them), or the path of a control socket."},
        subcommands = {ListCommand.class, AttachCommand.class, ControlCommands.Status.class,
                ControlCommands.Reload.class, ValidateCommand.class, ControlCommands.Diff.class,
                ControlCommands.History.class, ControlCommands.Rollback.class, ControlCommands.Set.class,
                ControlCommands.Unset.class, ShowCommand.class, FollowCommand.class, ControlCommands.Detach.class,
                InteractiveCommand.class, UiCommand.class, picocli.AutoComplete.GenerateCompletion.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success",
                "1:failure: no such JVM, dev mode not active, a reload or validation that failed, ...",
                "2:usage error, or a substring that matches several JVMs"})
final class AiqDevCommand implements Callable<Integer> {

    private final Io io;
    private final ZoneId zone;
    private final HumanOutput human;

    @Spec
    private CommandSpec spec;

    AiqDevCommand(Io io, ZoneId zone) {
        this.io = io;
        this.zone = zone;
        this.human = new HumanOutput(io.out(), zone);
    }

    /** Without a subcommand: the usage, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(io.err());
        return CliException.USAGE;
    }

    Io io() {
        return io;
    }

    HumanOutput human() {
        return human;
    }

    /** The output for people to another writer: one JVM's part of {@code --all}. */
    HumanOutput humanTo(java.io.PrintWriter out) {
        return new HumanOutput(out, zone);
    }

    /** The version from the jar's manifest. */
    static final class Version implements IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"aiq-dev " + (version == null ? "(development build)" : version)
                    + ", running on Java " + System.getProperty("java.version")};
        }
    }
}
