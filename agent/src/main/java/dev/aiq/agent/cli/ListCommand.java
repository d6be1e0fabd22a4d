package dev.aiq.agent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.aiq.agent.control.ControlJson;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code aiq-dev list}: the running JVMs of this user (only theirs, even as root), like {@code jps}, with their Java
 * version and dev mode; command lines shown with secrets masked. Internal.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the running JVMs of this OS user: pid, Java version, whether aiq-dev is active, "
                + "main class or jar and arguments.")
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    private AiqDevCommand cli;

    @Option(names = "--json", description = "Print a JSON array.")
    private boolean json;

    @Override
    public Integer call() throws CliException {
        AttachSupport.require();
        // command lines are shown with their secrets masked and control characters escaped
        List<Jvm> jvms = JvmLocator.inspect(JvmLocator.running(), JvmLocator.INSPECT_TIMEOUT).stream()
                .map(Jvm::forDisplay).toList();
        if (!json) {
            cli.human().jvms(jvms);
            return 0;
        }
        ArrayNode array = ControlJson.mapper().createArrayNode();
        for (Jvm jvm : jvms) {
            array.addObject()
                    .put("pid", jvm.pid())
                    .put("main", jvm.main())
                    .put("displayName", jvm.displayName())
                    .put("javaVersion", jvm.javaVersion())
                    .put("devMode", jvm.controlSocket() != null)
                    .put("controlSocket", jvm.controlSocket());
        }
        cli.io().out().println(array);
        return 0;
    }
}
