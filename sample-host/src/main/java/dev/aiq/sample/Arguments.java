package dev.aiq.sample;

import dev.aiq.api.ConfigOverrides;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Internal. A parsed command line, in the AIQ toolkit's shape:
 * {@code run console --config_file F [--override PATH VALUE]... [--input Q]} or
 * {@code serve fastapi --config_file F [--override PATH VALUE]...}.
 *
 * @param command    what to do
 * @param configFile the workflow YAML; null for {@link Command#HELP}
 * @param overrides  the {@code --override} pairs in order, never null
 * @param input      the single question of {@code --input}, or null to read questions from stdin
 * @param plugins    the plugins directory of {@code --plugins}, or null for none
 */
record Arguments(Command command, Path configFile, ConfigOverrides overrides, String input, Path plugins) {

    /** What the command line asks for. */
    enum Command {
        /** Print the usage. */
        HELP,
        /** {@code run console}: answer questions from stdin. */
        CONSOLE,
        /** {@code serve fastapi} (or {@code serve http}): answer questions over HTTP. */
        SERVE
    }

    static final String USAGE = """
            Usage: sample-host run console --config_file FILE [--override PATH VALUE]... [--plugins DIR] [--input QUESTION]
                   sample-host serve fastapi --config_file FILE [--override PATH VALUE]... [--plugins DIR]

            The sample AIQ-style workflow app: offline, deterministic fake LLMs and tools chosen by _type.

              run console          answer each line of stdin with one line on stdout, until end of input
              serve fastapi        serve GET /health, GET /config and POST /generate {"input_message": "..."}
                                   on general.front_end.host:port ('serve http' is the same)
              --config_file FILE   the workflow YAML
              --override PATH VALUE  set a dotted key, e.g. --override llms.nim_llm.temperature 0.9 (repeatable)
              --plugins DIR        more function _types from the jars and class directories in DIR
              --input QUESTION     answer this one question and exit (run console only)
              --help               show this help
            """;

    private static final Arguments HELP_ONLY = new Arguments(Command.HELP, null, ConfigOverrides.none(), null, null);

    /**
     * Parses {@code args}.
     *
     * @throws UsageException if the command or an option is unknown, a value is missing, or {@code --config_file}
     *                        is not given
     */
    static Arguments parse(List<String> args) throws UsageException {
        if (args.contains("--help") || args.contains("-h")) {
            return HELP_ONLY;
        }
        Command command = command(args);
        Path configFile = null;
        List<String> overrides = new ArrayList<>();
        String input = null;
        Path plugins = null;
        for (int i = 2; i < args.size(); i++) {
            String option = args.get(i);
            switch (option) {
                case "--config_file" -> configFile = Path.of(value(args, ++i, option));
                case "--override" -> {
                    overrides.add(value(args, ++i, option));
                    overrides.add(value(args, ++i, option));
                }
                case "--plugins" -> plugins = Path.of(value(args, ++i, option));
                case "--input" -> {
                    if (command != Command.CONSOLE) {
                        throw new UsageException("--input works with 'run console' only");
                    }
                    input = value(args, ++i, option);
                }
                default -> throw new UsageException("unknown option '" + option + "'");
            }
        }
        if (configFile == null) {
            throw new UsageException("--config_file is required");
        }
        try {
            return new Arguments(command, configFile, ConfigOverrides.ofPairs(overrides), input, plugins);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static Command command(List<String> args) throws UsageException {
        String verb = args.isEmpty() ? "" : args.get(0);
        String frontEnd = args.size() < 2 ? "" : args.get(1);
        if (verb.equals("run") && frontEnd.equals("console")) {
            return Command.CONSOLE;
        }
        if (verb.equals("serve") && (frontEnd.equals("fastapi") || frontEnd.equals("http"))) {
            return Command.SERVE;
        }
        if (verb.equals("run") || verb.equals("serve")) {
            throw new UsageException("unknown front end '" + frontEnd + "' for '" + verb + "': use "
                    + (verb.equals("run") ? "'run console'" : "'serve fastapi' or 'serve http'"));
        }
        throw new UsageException(verb.isEmpty() ? "missing command: 'run console' or 'serve fastapi'"
                : "unknown command '" + verb + "': use 'run console' or 'serve fastapi'");
    }

    private static String value(List<String> args, int index, String option) throws UsageException {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new UsageException(option + " needs " + (option.equals("--override") ? "PATH and VALUE" : "a value"));
        }
        return args.get(index);
    }
}
