package dev.aiq.agent.cli;

import dev.aiq.agent.protocol.WireJson;
import dev.aiq.agent.protocol.WireRecords;
import dev.aiq.agent.yaml.YamlReader;
import dev.aiq.api.ConfigOverrides;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code aiq-dev validate}: offline with the agent's own YAML reader, or, given a {@code <pid>}, as a dry run in the
 * running app (its provider and validators decide). Internal.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check a config without applying it; exit 1 if it is not valid.",
                "Without <pid>: offline, whether it is well-formed: the YAML reader the agent uses (the toolkit's "
                        + "$${VAR}, base:, file://; includes) and the overrides; prints a summary (--print: the "
                        + "resolved config, secrets masked) or every error as file:line:column: reason. The app's own "
                        + "checks (unknown _type, a value out of range) need the app: validate <pid>.",
                "With <pid>: a dry run in the running app, through its own provider and validators."})
final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    private AiqDevCommand cli;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<pid>",
            description = "Ask this running app instead of reading the file here.")
    private String target;

    @Option(names = {"--config_file", "--config-file"}, paramLabel = "FILE",
            description = "The config to check (with <pid>: default = the app's own).")
    private Path config;

    @Option(names = "--override", arity = "2", paramLabel = "PATH VALUE", hideParamSyntax = true,
            description = "Override a value, as the toolkit's --override does (offline only; repeatable).")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--config", paramLabel = "CONFIG", description = ControlCommands.CONFIG_DESCRIPTION)
    private String targetConfig;

    @Option(names = "--json", description = "Print the result as JSON.")
    private boolean json;

    @Option(names = "--print", description = "Offline: also print the resolved config (includes, base:, file:// and "
            + "the overrides applied), secrets masked.")
    private boolean print;

    @Option(names = "--root", paramLabel = "DIR",
            description = "Also let includes, base: and file:// reach files under DIR (offline only; the agent's "
                    + "option is root=DIR). Default: the project root, the nearest directory above the config with "
                    + ".git, pom.xml, build.gradle(.kts), pyproject.toml or package.json, else the config's directory.")
    private Path root;

    @Override
    public Integer call() throws CliException {
        if (target != null) {
            if (!overrides.isEmpty()) {
                throw usage("--override is for offline validation; give a running app live overrides with aiq-dev set");
            }
            if (root != null) {
                throw usage("--root is for offline validation; a running app reads with its agent option root=");
            }
            if (print) {
                throw usage("--print is for offline validation; aiq-dev show " + target + " prints what the app runs");
            }
            ControlSession session = ControlSession.open(target);
            return new ControlOperations(session, cli.human(), cli.io().out(), json).withConfig(targetConfig)
                    .validate(config);
        }
        if (targetConfig != null) {
            throw usage("--config chooses a config of a running app (give a <pid>); offline, name the file with "
                    + "--config_file");
        }
        if (config == null) {
            throw usage("validate needs --config_file FILE, or a <pid> to ask a running app");
        }
        ConfigOverrides parsed;
        try {
            parsed = ConfigOverrides.ofPairs(overrides);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        OfflineValidation.Report report = OfflineValidation.run(config, parsed, YamlReader.withRoot(root), print);
        print(report);
        return report.valid() ? 0 : CliException.FAILURE;
    }

    private void print(OfflineValidation.Report report) {
        PrintWriter out = cli.io().out();
        if (json) {
            out.println(WireJson.write(WireRecords.encode(report)));
        } else if (report.valid()) {
            cli.human().summary(report.config(), report.summary(), report.warnings());
            if (report.tree() != null) {
                cli.human().resolved(report.tree());
            }
        } else {
            report.errors().forEach(error -> out.println(error.text()));
        }
        out.flush();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
