package dev.aiq.agent.cli;

import dev.aiq.agent.options.AgentOptions;
import dev.aiq.agent.options.AttachVerdict;
import dev.aiq.agent.options.OptionsParser;
import dev.aiq.agent.protocol.WireJson;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code aiq-dev attach}: puts development mode into a running JVM (or, with {@code --all}, into every matching one)
 * in four steps: parse and check the options with the agent's own parser, locate, attach and load the agent
 * ({@link Attacher}), confirm. Exit codes: 0 active, 1 not active (the agent's reason printed) or not attached, 2 an
 * option refused (by this CLI or by the agent in the target), nothing applied. Internal.
 */
@Command(name = "attach", mixinStandardHelpOptions = true,
        description = {"Load aiq-dev into a running JVM and confirm that dev mode is active.",
                "Attaching to a JVM where it is already active passes the new options to it.",
                "Exit 1 when dev mode does not become active (the agent's reason is printed), 2 when an option is "
                        + "refused (nothing is applied)."})
final class AttachCommand implements Callable<Integer> {

    @ParentCommand
    private AiqDevCommand cli;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<pid>",
            description = "Process id, or a substring of exactly one JVM's main class and arguments (with --all: "
                    + "of every JVM to attach to).")
    private String target;

    @Option(names = "--all", description = "Attach to every JVM of this user whose main class and arguments contain "
            + "<pid>; a line per JVM, exit 1 if any failed.")
    private boolean all;

    @Option(names = {"--config_file", "--config-file"}, paramLabel = "FILE",
            description = "The config to watch (default: found from the provider's arguments).")
    private Path config;

    @Option(names = "--override", arity = "2", paramLabel = "PATH VALUE", hideParamSyntax = true,
            description = "Override a value on every reload, as the toolkit's --override does (repeatable).")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--delay", paramLabel = "SECONDS", description = "Quiet period before a change is reloaded.")
    private Double delay;

    @Option(names = "--poll", paramLabel = "SECONDS", description = "Interval of the polling net; 0 = off.")
    private Double poll;

    @Option(names = "--provider", paramLabel = "CLASS#METHOD",
            description = "The config provider, e.g. com.acme.ConfigLoader#load (repeatable).")
    private List<String> providers = new ArrayList<>();

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "Any other agent option (repeatable).")
    private Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--json", description = "Print the result as JSON.")
    private boolean json;

    /**
     * The command as {@link EverydayCommands} read it, without picocli: what picocli alone can word (a usage error)
     * comes back as {@link EverydayCommands.NotPlain} before anything is done, and picocli then reads the arguments.
     */
    static AttachCommand plain(AiqDevCommand cli, String target, Path config, List<String> overrides, Double delay,
                               Double poll, List<String> providers, Map<String, String> options, boolean json) {
        AttachCommand command = new AttachCommand();
        command.cli = cli;
        command.target = target;
        command.config = config;
        command.overrides = new ArrayList<>(overrides);
        command.delay = delay;
        command.poll = poll;
        command.providers = new ArrayList<>(providers);
        command.options = new LinkedHashMap<>(options);
        command.json = json;
        return command;
    }

    @Override
    public Integer call() throws CliException {
        Timing.mark("command");
        AttachOptionsFile agentOptions = parse();
        AttachSupport.require();
        Attacher.warmUp();
        Timing.mark("parsed");
        Attacher attacher = new Attacher(agentJar(), agentOptions, this::note);
        if (all) {
            return FleetRun.over(target, jvm -> {
                Attacher.Outcome outcome = attacher.attach(jvm);
                return new FleetRun.Line(outcome.exitCode(), json ? WireJson.write(jsonOf(outcome)) : outcome.line());
            }, cli.io(), json);
        }
        Jvm jvm = JvmLocator.locate(target);
        Timing.mark("located");
        Attacher.Outcome outcome = attacher.attach(jvm);
        if (outcome.exitCode() == CliException.USAGE) {
            throw new CliException(CliException.USAGE, outcome.line());
        }
        print(outcome);
        return outcome.exitCode();
    }

    /**
     * Checks what picocli cannot and builds the agent's options, refusing (exit 2, nothing attached) what the agent's
     * own parser would refuse.
     */
    private AttachOptionsFile parse() throws CliException {
        providers.forEach(provider -> {
            if (!provider.matches("[\\w.$]+#[\\w$]+")) {
                throw usage("--provider takes CLASS#METHOD, e.g. com.acme.ConfigLoader#load; got " + provider);
            }
        });
        AttachOptionsFile file;
        try {
            file = AttachOptionsFile.of(config, providers, delay, poll, overrides, options);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        AgentOptions checked = OptionsParser.parseLines(file.lines());
        if (!checked.problems().isEmpty()) {
            List<String> refusals = new ArrayList<>();
            checked.problems().forEach(problem -> refusals.add(AttachVerdict.asRefusal(problem)));
            throw new CliException(CliException.USAGE, "refused, nothing attached: " + String.join("; ", refusals));
        }
        return file;
    }

    private void note(String line) {
        synchronized (cli.io()) {
            cli.io().err().println(line);
            cli.io().err().flush();
        }
    }

    private void print(Attacher.Outcome outcome) {
        if (json) {
            cli.io().out().println(WireJson.write(jsonOf(outcome)));
        } else if (outcome.exitCode() == 0) {
            cli.human().line(outcome.line());
        } else {
            cli.io().err().println(outcome.line());
        }
        cli.io().out().flush();
        cli.io().err().flush();
    }

    /** What {@code --json} prints of one attach. */
    private static Map<String, Object> jsonOf(Attacher.Outcome outcome) {
        Map<String, Object> result = WireJson.object();
        result.put("pid", outcome.jvm().pid());
        result.put("displayName", outcome.jvm().forDisplay().displayName());
        result.put("alreadyActive", outcome.alreadyActive());
        result.put("active", outcome.exitCode() == 0);
        if (outcome.exitCode() != 0) {
            result.put("reason", outcome.line());
        }
        result.put("status", outcome.status());
        return result;
    }

    /** The jar this command line runs from: the agent to load. */
    private static Path agentJar() throws CliException {
        Path location;
        try {
            location = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw CliException.failure("cannot find the jar aiq-dev runs from: " + e.getMessage());
        }
        if (!Files.isRegularFile(location) || !location.toString().endsWith(".jar")) {
            throw CliException.failure("aiq-dev attaches only when run from its jar (java -jar aiq-dev.jar); it runs "
                    + "from " + location);
        }
        return location;
    }

    private RuntimeException usage(String message) {
        return spec == null ? new EverydayCommands.NotPlain() : new ParameterException(spec.commandLine(), message);
    }
}
