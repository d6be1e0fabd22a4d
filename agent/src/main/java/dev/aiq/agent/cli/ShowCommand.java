package dev.aiq.agent.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aiq-dev show}: the config the app runs now, as YAML or JSON, secrets masked. Internal. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print the live effective config of <pid> (what the app runs: the files with every override "
                + "applied), or the part at --path, secrets masked.")
final class ShowCommand extends ControlCommands.ConfigCommand {

    @Option(names = "--path", paramLabel = "P", description = "Dotted path of the part to show, e.g. llms.nim_llm "
            + "or mcp_servers[0].")
    String path;

    @Override
    int run(ControlOperations operations) throws CliException {
        return operations.show(path);
    }
}
