package dev.aiq.sample.configs;

import static dev.aiq.sample.testing.DevModeLines.FAILED;
import static dev.aiq.sample.testing.DevModeLines.WATCHING;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.api.DevMode;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.HostProcess;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.Yaml;

/**
 * A loader that calls itself for the sub-agents its root file names ({@link SubAgentsHost}, the shape of Google ADK's
 * {@code fromConfig}): the app always gets the root agent, an edit of the root or of a sub-agent's file reloads the
 * root, a sub-agent file without its instruction is refused with the inner reason while the app keeps its last good
 * agent, and the next good edit recovers. Sub-agent {@code b} is loaded through reflection, so its reason arrives
 * wrapped twice ({@code ConfigurationException} around an {@code InvocationTargetException} around ADK-style
 * {@code ConfigurationException} around the reason).
 */
class SubAgentsIT {

    private static final String ROOT = """
            name: helper
            instruction: %s
            sub_agents:
              - config_path: a.yaml
              - config_path: b.yaml
            """;
    private static final String REASON = "Agent instruction is required";

    @TempDir
    Path temp;

    @ParameterizedTest
    @EnumSource(AgentLoad.class)
    void theAppAlwaysGetsTheRootAgentAndAnEditOfAnyOfItsFilesReloadsIt(AgentLoad load) {
        ConfigDir dir = ConfigDir.in(temp.resolve("app"));
        dir.writeInPlace("a.yaml", agent("a", "Search the web"));
        dir.writeInPlace("b.yaml", agent("b", "Summarise"));
        Path root = dir.writeInPlace("root.yaml", ROOT.formatted("Be brief"));
        String first = "root=helper:Be brief subs=[a:Search the web,b:Summarise]";

        try (HostProcess host = load.start(HostProcess.mainClass(SubAgentsHost.class, DevMode.class, Yaml.class)
                .args(root.toString()), temp, List.of("delay=0.05"), first, root)) {
            Ticks.afterEdit(host, () -> dir.writeInPlace("root.yaml", ROOT.formatted("Be briefer")),
                    "root=helper:Be briefer subs=[a:Search the web,b:Summarise]");
            Ticks.afterEdit(host, () -> dir.writeAtomically("a.yaml", agent("a", "Search the docs")),
                    "root=helper:Be briefer subs=[a:Search the docs,b:Summarise]");

            int mark = host.mark();
            dir.writeInPlace("b.yaml", "name: b\n");
            String refused = host.awaitLineAfter(mark, FAILED);
            assertThat(refused).as("the reload's failure line; %s", host).contains(REASON);
            List<String> after = Ticks.awaitNext(host, host.mark(), 5);
            assertThat(after).as("the ticks after the refused edit; %s", host)
                    .containsOnly("root=helper:Be briefer subs=[a:Search the docs,b:Summarise]");

            Ticks.afterEdit(host, () -> dir.writeAtomically("b.yaml", agent("b", "Summarise briefly")),
                    "root=helper:Be briefer subs=[a:Search the docs,b:Summarise briefly]");

            assertThat(Ticks.steps(host)).as("what the app got, tick by tick; %s", host).containsExactly(
                    first,
                    "root=helper:Be briefer subs=[a:Search the web,b:Summarise]",
                    "root=helper:Be briefer subs=[a:Search the docs,b:Summarise]",
                    "root=helper:Be briefer subs=[a:Search the docs,b:Summarise briefly]");
            assertOneConfigReadsEveryFile(host, load, root, dir);
        }
    }

    /**
     * The root is the only config, and its dependencies are the sub-agents' files. Attached, a sub-agent may become a
     * config of its own as well: the attach can retransform the loader while the app's thread is inside the root's
     * call, whose frame then runs the loader's old code, so the sub-agent's call is the outermost woven one.
     */
    private static void assertOneConfigReadsEveryFile(HostProcess host, AgentLoad load, Path root, ConfigDir dir) {
        ConfigsStatus status = ConfigsStatus.of(host);
        assertThat(status.files("root.yaml", "dependencies")).as("%s", status.json())
                .contains(ConfigsStatus.realPath(dir.file("a.yaml")), ConfigsStatus.realPath(dir.file("b.yaml")));
        if (load == AgentLoad.JAVAAGENT) {
            assertThat(status.configs()).as("%s", status.json()).containsOnlyKeys("root.yaml");
            assertThat(host.lines()).filteredOn(line -> line.contains(WATCHING)).as("%s", host)
                    .singleElement().asString().startsWith(WATCHING + root);
        }
    }


    private static String agent(String name, String instruction) {
        return "name: " + name + "\ninstruction: " + instruction + "\n";
    }
}
