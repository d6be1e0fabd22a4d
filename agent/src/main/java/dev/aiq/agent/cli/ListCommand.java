package dev.aiq.agent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiq.agent.protocol.ProtocolJson;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code aiq-dev list}: the running JVMs of this user (only theirs, even as root), like {@code jps}, with their Java
 * version and dev mode; command lines shown with secrets masked. It attaches to none of them: the JVMs come from
 * their performance data, aiq-dev's state from its own control sockets ({@link DevModeProbe}). Internal.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the running JVMs of this OS user: pid, Java version, aiq-dev (active, loaded and why it "
                + "waits, or -), main class or jar and arguments.",
                "Reads what the JVMs publish for tools; attaches to none of them."})
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    private AiqDevCommand cli;

    @Option(names = "--json", description = "Print JSON: {\"jvms\":[...]}.")
    private boolean json;

    @Override
    public Integer call() {
        // command lines are shown with their secrets masked and control characters escaped
        List<Jvm> jvms = DevModeProbe.probe(JvmLocator.running(), DevModeProbe.TIMEOUT).stream()
                .map(Jvm::forDisplay).toList();
        if (!json) {
            cli.human().jvms(jvms.stream().map(ListCommand::shortened).toList());
            return 0;
        }
        ObjectNode listing = ProtocolJson.mapper().createObjectNode();
        ArrayNode array = listing.putArray("jvms");
        for (Jvm jvm : jvms) {
            array.addObject()
                    .put("pid", jvm.pid())
                    .put("main", jvm.main())
                    .put("displayName", jvm.displayName())
                    .put("javaVersion", jvm.javaVersion())
                    .put("devMode", jvm.controlSocket() != null)
                    .put("active", "active".equals(jvm.devMode()))
                    .put("state", jvm.devModeText())
                    .put("controlSocket", jvm.controlSocket());
        }
        cli.io().out().println(listing);
        return 0;
    }

    /** The JVM with a reason short enough for the table's column ({@code --json} and {@code status} say it all). */
    private static Jvm shortened(Jvm jvm) {
        String state = jvm.devMode();
        return state == null || state.length() <= MAX_STATE ? jvm
                : jvm.withDevMode(state.substring(0, MAX_STATE - 1) + "…");
    }

    private static final int MAX_STATE = 60;
}
