package dev.aiq.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The commands that drive a target's control socket, one request each. Internal. */
final class ControlCommands {

    /** The help of {@code --config}, shared by every command that takes it. */
    static final String CONFIG_DESCRIPTION = "Which config of <pid>: its path or a substring of it (needed only when "
            + "the app has several; status shows them).";

    /** The help of {@code --all}, shared by the commands that take it. */
    static final String ALL_DESCRIPTION = "Every JVM of this user whose main class and arguments contain <pid>; a line "
            + "per JVM, exit 1 if any failed.";

    private ControlCommands() {
    }

    /** What every control command shares: the target, {@code --json}, and the session to it. */
    abstract static class TargetCommand implements Callable<Integer> {

        @ParentCommand
        AiqDevCommand cli;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<pid>",
                description = "Process id, substring of its main class and arguments, or control socket path.")
        String target;

        @Option(names = "--json", description = "Print the result as JSON.")
        boolean json;

        @Override
        public final Integer call() throws CliException {
            checkArguments();
            if (all()) {
                return FleetRun.over(target, jvm -> {
                    java.io.StringWriter text = new java.io.StringWriter();
                    java.io.PrintWriter out = new java.io.PrintWriter(text);
                    int exitCode = run(new ControlOperations(ControlSession.open(jvm), cli.humanTo(out), out, json)
                            .withConfig(config()));
                    out.flush();
                    return new FleetRun.Line(exitCode, text.toString().strip());
                }, cli.io(), json);
            }
            ControlSession session = ControlSession.open(target);
            return run(new ControlOperations(session, cli.human(), cli.io().out(), json).withConfig(config()));
        }

        /** Whether the command runs on every matching JVM ({@code --all}). */
        boolean all() {
            return false;
        }

        /** Refuses arguments that parse but make no sense, as a usage error. */
        void checkArguments() {
        }

        /** The config the command acts on ({@code --config}), or null for the JVM's only one. */
        String config() {
            return null;
        }

        abstract int run(ControlOperations operations) throws CliException;

        ParameterException usage(String message) {
            return new ParameterException(spec.commandLine(), message);
        }
    }

    /** A command that acts on one config of the target: {@code --config} says which when it has several. */
    abstract static class ConfigCommand extends TargetCommand {

        @Option(names = "--config", paramLabel = "CONFIG", description = CONFIG_DESCRIPTION)
        String config;

        @Override
        String config() {
            return config;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show what dev mode is doing in <pid>: every config (or the one named with --config), its "
                    + "generation, last result, watched files, overrides.")
    static final class Status extends ConfigCommand {

        @Option(names = "--all", description = ALL_DESCRIPTION)
        boolean all;

        @Override
        boolean all() {
            return all;
        }

        @Override
        int run(ControlOperations operations) throws CliException {
            return operations.status();
        }
    }

    @Command(name = "reload", mixinStandardHelpOptions = true,
            description = "Read the config now and apply it if it changed; exit 1 if it fails.")
    static final class Reload extends ConfigCommand {

        @Option(names = "--all", description = ALL_DESCRIPTION)
        boolean all;

        @Override
        boolean all() {
            return all;
        }

        @Option(names = "--validate-only", description = "Check the config through the whole pipeline; swap nothing.")
        boolean validateOnly;

        @Override
        int run(ControlOperations operations) throws CliException {
            return operations.reload(validateOnly);
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "Show what changed between two generations still in history.")
    static final class Diff extends ConfigCommand {

        @Option(names = "--from", paramLabel = "N", description = "Older generation; 0 = the one before the live one "
                + "(default).")
        long from;

        @Option(names = "--to", paramLabel = "M", description = "Newer generation; 0 = the live one (default).")
        long to;

        @Override
        void checkArguments() {
            if (from < 0 || to < 0) {
                throw usage("generations are 1 or more (0 = previous / live)");
            }
        }

        @Override
        int run(ControlOperations operations) throws CliException {
            return operations.diff(from, to);
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "List the good configs kept for diff and rollback, newest first.")
    static final class History extends ConfigCommand {

        @Option(names = "--clear", description = "Forget every config but the live one.")
        boolean clear;

        @Override
        int run(ControlOperations operations) throws CliException {
            return clear ? operations.clearHistory() : operations.history();
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Put back an earlier config (as a new generation); exit 1 if it fails.")
    static final class Rollback extends ConfigCommand {

        @Option(names = "--steps", paramLabel = "N", defaultValue = "1",
                description = "How many generations back from the live one (default: ${DEFAULT-VALUE}).")
        int steps;

        @Override
        void checkArguments() {
            if (steps < 1) {
                throw usage("--steps must be 1 or more, got " + steps);
            }
        }

        @Override
        int run(ControlOperations operations) throws CliException {
            return operations.rollback(steps);
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set a live override (wins over the file and the app's own --override, kept until unset) "
                    + "and apply it.")
    static final class Set extends ConfigCommand {

        @Option(names = "--all", description = ALL_DESCRIPTION)
        boolean all;

        @Override
        boolean all() {
            return all;
        }

        @Parameters(index = "1", paramLabel = "PATH", description = "Dotted path, e.g. llms.nim_llm.temperature.")
        String path;

        @Parameters(index = "2", paramLabel = "VALUE", description = "The value, converted like --override; "
                + "- reads it from standard input, so a secret never shows in ps.")
        String value;

        @Override
        int run(ControlOperations operations) throws CliException {
            return operations.set(path, StdinValue.requested(value) ? StdinValue.read(cli.io().in()) : value);
        }
    }

    @Command(name = "unset", mixinStandardHelpOptions = true,
            description = "Remove a live override and apply the config without it.")
    static final class Unset extends ConfigCommand {

        @Parameters(index = "1", paramLabel = "PATH", description = "Dotted path of a live override.")
        String path;

        @Override
        int run(ControlOperations operations) throws CliException {
            return operations.unset(path);
        }
    }

    @Command(name = "detach", mixinStandardHelpOptions = true,
            description = "Stop dev mode in <pid>: watcher, socket, MXBean, instrumentation. The app keeps its live "
                    + "config.")
    static final class Detach extends TargetCommand {

        @Override
        int run(ControlOperations operations) throws CliException {
            return operations.detach();
        }
    }
}
