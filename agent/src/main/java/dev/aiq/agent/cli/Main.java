package dev.aiq.agent.cli;

import java.time.ZoneId;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code aiq-dev} command line ({@code java -jar aiq-dev.jar <command>}): parse the arguments, locate the JVM,
 * attach to it or to its control socket, confirm and print. Exit codes: 0 success, 1 failure, 2 usage error.
 */
public final class Main {

    private Main() {
    }

    /** Runs one command and exits with its code. */
    public static void main(String[] args) {
        Timing.mark("main");
        Io io = Io.system();
        int exitCode = run(args, io);
        Timing.report(io.err());
        System.exit(exitCode);
    }

    /** Runs one command on {@code io}; returns the exit code and never exits (the library entry tests use). */
    static int run(String[] args, Io io) {
        try {
            int everyday = EverydayCommands.run(args, io, ZoneId.systemDefault());
            if (everyday != EverydayCommands.NOT_MINE) {
                return everyday;
            }
            return commandLineFor(args, io).execute(args);
        } catch (NoClassDefFoundError e) {
            if (String.valueOf(e.getMessage()).startsWith("com/sun/tools/attach")) {
                io.err().println(AttachSupport.MISSING);
                io.err().flush();
                return CliException.FAILURE;
            }
            throw e;
        }
    }

    /** The parser with every command, printing to {@code io}, failures as one line without a stack trace. */
    static CommandLine commandLine(Io io) {
        return configured(new CommandLine(new AiqDevCommand(io, ZoneId.systemDefault())), io);
    }

    /**
     * The parser for {@code args}: for an everyday command, a root with that one command only. picocli reads the
     * annotations of every command it is given, which costs the whole tree's model (a good part of the CLI's start)
     * for a command that needs its own; help, completion and every other command get the whole tree.
     */
    static CommandLine commandLineFor(String[] args, Io io) {
        Class<?> only = args.length == 0 ? null : EVERYDAY.stream()
                .filter(command -> command.getAnnotation(Command.class).name().equals(args[0]))
                .findFirst().orElse(null);
        if (only == null) {
            return commandLine(io);
        }
        CommandSpec root = CommandSpec.wrapWithoutInspection(new AiqDevCommand(io, ZoneId.systemDefault()))
                .name(AiqDevCommand.class.getAnnotation(Command.class).name());
        CommandLine commandLine = new CommandLine(root);
        commandLine.addSubcommand(args[0], only);
        return configured(commandLine, io);
    }

    /** The commands run often enough that their start counts (each is also in the whole tree). */
    private static final List<Class<?>> EVERYDAY = List.of(AttachCommand.class, ListCommand.class,
            ControlCommands.Status.class, ControlCommands.Reload.class, ControlCommands.Set.class,
            ControlCommands.History.class);

    private static CommandLine configured(CommandLine commandLine, Io io) {
        commandLine.setOut(io.out());
        commandLine.setErr(io.err());
        // the output escapes control characters, so picocli's colours would show as text
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            // the message and where to look, not the whole usage: it scrolls the message away
            CommandLine failed = exception.getCommandLine();
            io.err().println(exception.getMessage());
            io.err().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
            io.err().flush();
            return CliException.USAGE;
        });
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) ->
                failed(exception, failed.getCommandSpec().qualifiedName(), io));
        return commandLine;
    }

    /** Says why {@code command} failed, in one line without a stack trace; returns the exit code. */
    static int failed(Exception exception, String command, Io io) {
        if (exception instanceof CliException failure) {
            io.err().println(failure.getMessage());
            io.err().flush();
            return failure.exitCode();
        }
        io.err().println(command + ": " + (exception.getMessage() == null ? exception.toString()
                : exception.getMessage()));
        io.err().flush();
        return CliException.FAILURE;
    }
}
