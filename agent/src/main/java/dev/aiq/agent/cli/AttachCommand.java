package dev.aiq.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiq.agent.control.ControlClient;
import dev.aiq.agent.control.ControlPlane;
import dev.aiq.agent.mask.Masking;
import dev.aiq.agent.protocol.ConfigStatus;
import dev.aiq.agent.protocol.ProtocolJson;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code aiq-dev attach}: puts development mode into a running JVM in four steps, parse, locate, attach (and load
 * the agent), confirm (wait for its control socket and show its status). Internal.
 */
@Command(name = "attach", mixinStandardHelpOptions = true,
        description = {"Load aiq-dev into a running JVM and confirm that dev mode is active.",
                "Attaching to a JVM where it is already active passes the new options to it."})
final class AttachCommand implements Callable<Integer> {

    /** How long the agent may take to open its control socket. */
    static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(15);
    /** How long an attached agent that waits for the provider's next call may take to become active. */
    static final Duration ACTIVATION_WAIT = Duration.ofSeconds(5);

    private static final long POLL_MILLIS = 100;

    @ParentCommand
    private AiqDevCommand cli;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<pid>",
            description = "Process id, or a substring of exactly one JVM's main class and arguments.")
    private String target;

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

    @Override
    public Integer call() throws CliException {
        AttachOptionsFile agentOptions = parse();
        AttachSupport.require();
        Path agentJar = agentJar();
        Jvm jvm = JvmLocator.locate(target);
        try (TargetVm vm = TargetVm.attach(jvm)) {
            Properties before = vm.systemProperties();
            boolean alreadyActive = before.getProperty(ControlPlane.SOCKET_PROPERTY) != null;
            load(vm, jvm, agentJar, agentOptions,
                    TargetVm.featureOf(before.getProperty("java.specification.version")));
            return confirm(vm, jvm, alreadyActive);
        }
    }

    /** Checks what picocli cannot and builds the agent's options. */
    private AttachOptionsFile parse() {
        providers.forEach(provider -> {
            if (!provider.matches("[\\w.$]+#[\\w$]+")) {
                throw usage("--provider takes CLASS#METHOD, e.g. com.acme.ConfigLoader#load; got " + provider);
            }
        });
        try {
            return AttachOptionsFile.of(config, providers, delay, poll, overrides, options);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private void load(TargetVm vm, Jvm jvm, Path agentJar, AttachOptionsFile agentOptions, int feature)
            throws CliException {
        String jvmArguments = vm.jvmArguments();
        if (feature >= 21 && !jvmArguments.contains(TargetVm.DYNAMIC_LOADING_FLAG)
                && !jvmArguments.contains(TargetVm.NO_DYNAMIC_LOADING_FLAG)) {
            cli.io().err().println("note: " + jvm.pid() + " runs Java " + feature + ", which prints a warning when "
                    + "an agent is loaded into it; start it with " + TargetVm.DYNAMIC_LOADING_FLAG
                    + " to allow this without one");
        }
        Path file;
        try {
            file = agentOptions.write(ProcessHandle.of(jvm.pid()).flatMap(p -> p.info().user()).orElse(null));
        } catch (IOException e) {
            throw CliException.failure("cannot write the agent's options to a temp file: " + e.getMessage());
        }
        try {
            vm.loadAgent(agentJar, AttachOptionsFile.reference(file), feature);
        } finally {
            // agentmain has read it by the time loadAgent returns
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                cli.io().err().println("note: could not delete " + file);
            }
        }
    }

    private int confirm(TargetVm vm, Jvm jvm, boolean alreadyActive) throws CliException {
        String socket = awaitControlSocket(vm);
        if (socket == null) {
            String failure = vm.systemProperties().getProperty(ControlPlane.FAILURE_PROPERTY);
            throw CliException.failure("aiq-dev was loaded into " + jvm.describe() + " but its control socket did "
                    + "not open" + (failure == null ? " within " + CONFIRM_TIMEOUT.toSeconds()
                    + " s; the target's standard error says why" : ": " + Masking.text(failure)));
        }
        if (alreadyActive) {
            JsonNode status = json ? ControlSession.at(jvm, socket).call(ControlClient.request("status"))
                    : null;
            print(jvm, true, status, "aiq-dev is already active in " + jvm.pid());
            return 0;
        }
        ControlSession session = ControlSession.at(jvm, socket);
        JsonNode result = session.call(ControlClient.request("status"));
        dev.aiq.agent.protocol.JvmStatus status = ProtocolJson.mapper().convertValue(result,
                dev.aiq.agent.protocol.JvmStatus.class);
        // an app whose provider the agent could not call at once (its arguments were not on the command line)
        // becomes active at its next call: give it a moment before saying it did not
        long activeBy = System.nanoTime() + ACTIVATION_WAIT.toNanos();
        while (!status.active() && System.nanoTime() < activeBy) {
            pause();
            result = session.call(ControlClient.request("status"));
            status = ProtocolJson.mapper().convertValue(result, dev.aiq.agent.protocol.JvmStatus.class);
        }
        if (!status.active()) {
            print(jvm, false, result, "aiq-dev is loaded in " + jvm.describe() + " but not active" + whyNot(status));
            return CliException.FAILURE;
        }
        List<String> watching = new java.util.ArrayList<>();
        for (dev.aiq.agent.protocol.ConfigStatus config : status.configs()) {
            watching.add(config.configFile() + ", generation " + config.generation());
        }
        print(jvm, false, result, "aiq-dev active in " + jvm.describe() + ": " + (watching.isEmpty()
                ? "waiting for the first call of " + String.join(", ", status.providers())
                : "watching " + String.join("; ", watching)));
        return 0;
    }

    /** Why dev mode is not active: the agent's last problem, or the config's last outcome. */
    private static String whyNot(dev.aiq.agent.protocol.JvmStatus status) {
        if (!status.problems().isEmpty()) {
            return ": " + status.problems().get(status.problems().size() - 1);
        }
        for (dev.aiq.agent.protocol.ConfigStatus config : status.configs()) {
            if (config.last() != null) {
                return ": " + config.last().message();
            }
        }
        return status.configs().isEmpty() ? ": the provider " + String.join(", ", status.providers())
                + " has not been called since the agent came; dev mode starts at its next call" : "";
    }

    private static void pause() throws CliException {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failure("interrupted");
        }
    }

    private String awaitControlSocket(TargetVm vm) throws CliException {
        long deadline = System.nanoTime() + CONFIRM_TIMEOUT.toNanos();
        while (true) {
            String socket = vm.systemProperties().getProperty(ControlPlane.SOCKET_PROPERTY);
            if (socket != null || System.nanoTime() - deadline > 0) {
                return socket;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private void print(Jvm jvm, boolean alreadyActive, JsonNode status, String line) {
        if (json) {
            ObjectNode result = ProtocolJson.mapper().createObjectNode()
                    .put("pid", jvm.pid())
                    .put("displayName", jvm.forDisplay().displayName())
                    .put("alreadyActive", alreadyActive);
            result.set("status", status);
            cli.io().out().println(result);
        } else {
            cli.human().line(line);
        }
        cli.io().out().flush();
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

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
