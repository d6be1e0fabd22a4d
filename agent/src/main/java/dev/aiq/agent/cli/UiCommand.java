package dev.aiq.agent.cli;

import dev.aiq.agent.ui.UiServer;
import dev.aiq.agent.ui.UiTarget;
import dev.aiq.agent.ui.UiTargets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code aiq-dev ui}: serves the browser page from this process on 127.0.0.1 until Ctrl+C. The targets are reached
 * through their control sockets; without a target, every dev-mode JVM of this user is listed (looked up again at
 * most every few seconds). Internal.
 */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = {"Serve a page on 127.0.0.1 that shows the dev-mode JVMs of this user and edits their configs: "
                + "status, the live config, the source files in a YAML editor validated by the running app as you "
                + "type, history, diff, rollback, overrides and a reload timeline.",
                "Prints the address with a one-time token; Ctrl+C stops it. The targets open no TCP port."})
final class UiCommand implements Callable<Integer> {

    /** How long the list of this user's dev-mode JVMs is reused: looking it up attaches to every JVM. */
    private static final long LIST_REUSE_NANOS = 5_000_000_000L;

    @ParentCommand
    private AiqDevCommand cli;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<pid>",
            description = "Only this JVM: process id, substring of its main class and arguments, or control socket "
                    + "path. Default: every dev-mode JVM of this user.")
    private String target;

    @Option(names = "--port", paramLabel = "PORT", description = "Port on 127.0.0.1 (default: a free one).")
    private int port;

    @Option(names = "--open", description = "Open the page in the default browser.")
    private boolean open;

    @Override
    public Integer call() throws CliException, IOException, InterruptedException {
        if (!UiServer.pageBuilt()) {
            throw CliException.failure("this aiq-dev.jar was built without the page of aiq-dev ui: npm (Node.js) was "
                    + "not on the build machine; install Node.js and build again (./mvnw -B install -DskipTests)");
        }
        UiTargets targets = target == null ? everyDevModeJvm() : only(ControlSession.open(target));
        UiServer server = UiServer.start(targets, port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "aiq-dev-ui-stop"));
        cli.io().out().println("aiq-dev ui: " + server.url());
        cli.io().out().println("Open that address (it holds this session's token); Ctrl+C stops the server.");
        cli.io().out().flush();
        if (open) {
            openBrowser(server.url());
        }
        new CountDownLatch(1).await();
        return 0;
    }

    private static UiTargets only(ControlSession session) {
        // describe() is "4242 (com.acme.App ...)": the page shows the pid next to the name itself
        String described = session.describe();
        String prefix = session.pid() + " (";
        String name = described.startsWith(prefix) && described.endsWith(")")
                ? described.substring(prefix.length(), described.length() - 1) : described;
        UiTarget only = new UiTarget(session.pid(), name, session.socket());
        return () -> List.of(only);
    }

    private static UiTargets everyDevModeJvm() throws CliException {
        AttachSupport.require();
        return new UiTargets() {
            private List<UiTarget> known = List.of();
            private long at;

            @Override
            public synchronized List<UiTarget> list() {
                if (at == 0 || System.nanoTime() - at > LIST_REUSE_NANOS) {
                    known = lookUp();
                    at = System.nanoTime();
                }
                return known;
            }
        };
    }

    private static List<UiTarget> lookUp() {
        List<UiTarget> found = new ArrayList<>();
        for (Jvm jvm : DevModeProbe.probe(JvmLocator.running(), DevModeProbe.TIMEOUT)) {
            if (jvm.controlSocket() != null && !jvm.isAiqDevCommandLine()) {
                ControlSession session = ControlSession.at(jvm, jvm.controlSocket());
                found.add(new UiTarget(jvm.pid(), SafeOutput.commandLine(jvm.displayName()), session.socket()));
            }
        }
        return found;
    }

    private void openBrowser(String url) {
        boolean mac = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
        try {
            new ProcessBuilder(mac ? "open" : "xdg-open", url).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            cli.io().err().println("aiq-dev ui: cannot open a browser (" + e.getMessage() + "); open the address above");
            cli.io().err().flush();
        }
    }
}
