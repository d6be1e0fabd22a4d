package dev.aiq.agent.cli;

import dev.aiq.agent.protocol.WireJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        return print(cli.io(), cli.human(), json);
    }

    /** Lists the JVMs on {@code io}, for people or as JSON; the exit code (always 0). */
    static int print(Io io, HumanOutput human, boolean json) {
        // command lines are shown with their secrets masked and control characters escaped
        List<Jvm> jvms = DevModeProbe.probe(JvmLocator.running(), DevModeProbe.TIMEOUT).stream()
                .map(Jvm::forDisplay).toList();
        if (!json) {
            human.jvms(jvms.stream().map(ListCommand::shortened).toList());
            io.out().flush();
            return 0;
        }
        List<Object> array = new ArrayList<>();
        for (Jvm jvm : jvms) {
            Map<String, Object> entry = WireJson.object();
            entry.put("pid", jvm.pid());
            entry.put("main", jvm.main());
            entry.put("displayName", jvm.displayName());
            entry.put("javaVersion", jvm.javaVersion());
            entry.put("devMode", jvm.controlSocket() != null);
            entry.put("active", "active".equals(jvm.devMode()));
            entry.put("state", jvm.devModeText());
            entry.put("controlSocket", jvm.controlSocket());
            array.add(entry);
        }
        Map<String, Object> listing = WireJson.object();
        listing.put("jvms", array);
        io.out().println(WireJson.write(listing));
        io.out().flush();
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
