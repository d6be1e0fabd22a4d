package dev.aiq.agent.cli;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The commands people type many times a day ({@code attach}, {@code status}, {@code reload}, {@code set},
 * {@code history}, {@code list}) in their plain forms, read without picocli: building picocli's model of even one
 * command costs more than the JVM's start and the socket call together. What this reader does not take as written
 * (help, {@code --all}, {@code --clear}, a value read from standard input, an {@code @file}, an option it does not
 * know, a wrong number of arguments) is left to picocli, which then runs it or says what is wrong exactly as it
 * always has. Either way the command runs the same code ({@link ControlOperations}, {@link AttachCommand}).
 * Internal.
 */
final class EverydayCommands {

    /** Returned for arguments this reader leaves to picocli. */
    static final int NOT_MINE = -1;

    /** Thrown, before anything is done, when arguments that looked plain hold a usage error only picocli words. */
    static final class NotPlain extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NotPlain() {
            super(null, null, false, false);
        }
    }

    private static final Set<String> PER_CONFIG = Set.of("status", "reload", "set", "history");

    private EverydayCommands() {
    }

    /** Runs {@code args} if they are an everyday command in a plain form: its exit code, else {@link #NOT_MINE}. */
    static int run(String[] args, Io io, ZoneId zone) {
        if (args.length > 0 && args[0].equals("attach")) {
            return attach(args, io, zone);
        }
        Plain plain = Plain.of(args);
        if (plain == null) {
            return NOT_MINE;
        }
        HumanOutput human = new HumanOutput(io.out(), zone);
        try {
            if (plain.command().equals("list")) {
                return ListCommand.print(io, human, plain.json());
            }
            ControlSession session = ControlSession.open(plain.arguments().get(0));
            ControlOperations operations = new ControlOperations(session, human, io.out(), plain.json())
                    .withConfig(plain.config());
            return switch (plain.command()) {
                case "status" -> operations.status();
                case "reload" -> operations.reload(plain.validateOnly());
                case "set" -> operations.set(plain.arguments().get(1), plain.arguments().get(2));
                default -> operations.history();
            };
        } catch (CliException | RuntimeException e) {
            return Main.failed(e, "aiq-dev " + plain.command(), io);
        }
    }

    private static int attach(String[] args, Io io, ZoneId zone) {
        AttachCommand command = PlainAttach.of(new AiqDevCommand(io, zone), args);
        if (command == null) {
            return NOT_MINE;
        }
        try {
            return command.call();
        } catch (NotPlain e) {
            return NOT_MINE;
        } catch (CliException | RuntimeException e) {
            return Main.failed(e, "aiq-dev attach", io);
        }
    }

    /**
     * {@code attach} as written: one target, {@code --json}, and the agent's options ({@code --config_file},
     * {@code --delay}, {@code --poll} at most once each, {@code --override PATH VALUE}, {@code --provider} and
     * {@code --option KEY=VALUE} as often as wanted); not {@code --all}.
     */
    static final class PlainAttach {

        private PlainAttach() {
        }

        /** The command {@code args} are, or null when they are anything else. */
        static AttachCommand of(AiqDevCommand cli, String[] args) {
            List<String> targets = new ArrayList<>();
            Path config = null;
            Double delay = null;
            Double poll = null;
            boolean json = false;
            List<String> overrides = new ArrayList<>();
            List<String> providers = new ArrayList<>();
            Map<String, String> options = new LinkedHashMap<>();
            try {
                for (int i = 1; i < args.length; i++) {
                    String arg = args[i];
                    String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                    String attached = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
                    if (arg.startsWith("@")) {
                        return null;
                    } else if (!arg.startsWith("-")) {
                        targets.add(arg);
                    } else if (arg.equals("--json") && !json) {
                        json = true;
                    } else if ((name.equals("--config_file") || name.equals("--config-file")) && config == null) {
                        String value = attached != null ? attached : value(args, ++i);
                        config = value == null ? null : Path.of(value);
                        if (config == null) {
                            return null;
                        }
                    } else if (name.equals("--delay") && delay == null) {
                        delay = Double.valueOf(attached != null ? attached : required(args, ++i));
                    } else if (name.equals("--poll") && poll == null) {
                        poll = Double.valueOf(attached != null ? attached : required(args, ++i));
                    } else if (name.equals("--provider")) {
                        providers.add(attached != null ? attached : required(args, ++i));
                    } else if (arg.equals("--override")) {
                        overrides.add(required(args, ++i));
                        overrides.add(required(args, ++i));
                    } else if (arg.equals("--option")) {
                        String pair = required(args, ++i);
                        int equals = pair.indexOf('=');
                        if (equals < 0) {
                            return null;
                        }
                        options.put(pair.substring(0, equals), pair.substring(equals + 1));
                    } else {
                        return null;
                    }
                }
            } catch (NotPlain | IllegalArgumentException e) {
                // a missing value, a number that is none, a path that cannot be: picocli says it
                return null;
            }
            return targets.size() == 1 ? AttachCommand.plain(cli, targets.get(0), config, overrides, delay, poll,
                    providers, options, json) : null;
        }

        private static String value(String[] args, int i) {
            return i < args.length && !args[i].startsWith("-") && !args[i].startsWith("@") ? args[i] : null;
        }

        private static String required(String[] args, int i) {
            String value = value(args, i);
            if (value == null) {
                throw new NotPlain();
            }
            return value;
        }
    }

    /**
     * An everyday command as written: its positional arguments, {@code --json}, {@code --config CONFIG} (or
     * {@code --config=CONFIG}) and, for {@code reload}, {@code --validate-only}; each option at most once.
     */
    record Plain(String command, List<String> arguments, boolean json, String config, boolean validateOnly) {

        /** {@code args} read as a plain everyday command, or null when they are anything else. */
        static Plain of(String[] args) {
            if (args.length == 0 || !(PER_CONFIG.contains(args[0]) || args[0].equals("list"))) {
                return null;
            }
            String command = args[0];
            boolean perConfig = PER_CONFIG.contains(command);
            List<String> arguments = new ArrayList<>();
            boolean json = false;
            boolean validateOnly = false;
            String config = null;
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                if (arg.startsWith("@")) {
                    return null;   // picocli reads an @file's lines as arguments
                } else if (!arg.startsWith("-")) {
                    arguments.add(arg);
                } else if (arg.equals("--json") && !json) {
                    json = true;
                } else if (arg.equals("--validate-only") && command.equals("reload") && !validateOnly) {
                    validateOnly = true;
                } else if (perConfig && config == null && arg.startsWith("--config=")) {
                    config = arg.substring("--config=".length());
                } else if (perConfig && config == null && arg.equals("--config") && i + 1 < args.length
                        && !args[i + 1].startsWith("-") && !args[i + 1].startsWith("@")) {
                    config = args[++i];
                } else {
                    return null;
                }
            }
            int wanted = switch (command) {
                case "list" -> 0;
                case "set" -> 3;
                default -> 1;
            };
            return arguments.size() == wanted ? new Plain(command, List.copyOf(arguments), json, config,
                    validateOnly) : null;
        }
    }
}
