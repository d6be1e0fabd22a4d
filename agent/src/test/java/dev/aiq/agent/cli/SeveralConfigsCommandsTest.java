package dev.aiq.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiq.agent.control.FakeDevModeControl;
import dev.aiq.agent.protocol.ProtocolJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The commands against a JVM with two configs: {@code --config} chooses, its absence is a usage error. */
class SeveralConfigsCommandsTest {

    private static final String ROOT = "/srv/app/root.yml";
    private static final String TOOLS = "/srv/app/tools.yml";

    private final FakeDevModeControl control = new FakeDevModeControl(ROOT, TOOLS);
    @RegisterExtension
    final ServedControl served = new ServedControl(control);

    @ParameterizedTest
    @ValueSource(strings = {"reload", "validate", "diff", "history", "rollback", "set a.b 1", "unset a.b"})
    void perConfigCommandWithoutConfigExitsTwoNamingTheConfigs(String command) {
        String[] words = command.split(" ");
        String[] args = new String[words.length + 1];
        args[0] = words[0];
        args[1] = served.socket();
        System.arraycopy(words, 1, args, 2, words.length - 1);

        Cli.Result result = Cli.run(args);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("this JVM has 2 configs; name one with --config: " + ROOT + ", " + TOOLS
                + "\n");
        assertThat(control.calls()).isEmpty();
    }

    @Test
    void configOptionChoosesTheConfigAndLeavesTheOtherAlone() {
        assertThat(Cli.run("reload", served.socket(), "--config", "tools").exitCode()).isZero();
        assertThat(Cli.run("rollback", served.socket(), "--config", TOOLS, "--steps", "2").exitCode()).isZero();
        assertThat(Cli.run("set", served.socket(), "--config", "root.yml", "name", "zeta").exitCode()).isZero();
        assertThat(Cli.run("validate", served.socket(), "--config", "root").exitCode()).isZero();

        assertThat(control.config(1).calls()).containsExactly("reload(false)", "rollback(2)");
        assertThat(control.config(0).calls()).containsExactly("set(name,zeta)", "validate(null)");
    }

    @Test
    void substringOfBothConfigsExitsTwoAndOneOfNoneExitsOne() {
        Cli.Result ambiguous = Cli.run("history", served.socket(), "--config", "/srv/app/");
        Cli.Result unknown = Cli.run("history", served.socket(), "--config", "prompts");

        assertThat(ambiguous.exitCode()).isEqualTo(2);
        assertThat(ambiguous.err()).startsWith("'/srv/app/' matches 2 configs; ");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("no config of this JVM matches 'prompts'; its configs: ");
        assertThat(control.calls()).isEmpty();
    }

    @Test
    void statusPrintsABlockPerConfigHeadedByItsName() {
        Cli.Result result = Cli.run("status", served.socket());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).startsWith("aiq-dev active in 4242 (" + served.socket() + ")", "[root.yml]",
                "  config      " + ROOT);
        assertThat(result.out().lines()).contains("[tools.yml]", "  config      " + TOOLS);
        assertThat(result.out().lines().filter(line -> line.startsWith("  generation"))).hasSize(2);
    }

    @Test
    void statusAsJsonListsBothConfigsOrOnlyTheOneChosen() throws IOException {
        JsonNode all = ProtocolJson.mapper().readTree(Cli.run("status", served.socket(), "--json").out());
        JsonNode one = ProtocolJson.mapper().readTree(Cli.run("status", served.socket(), "--json", "--config", "tools")
                .out());

        assertThat(all.path("configs")).extracting(config -> config.path("configFile").asText())
                .containsExactly(ROOT, TOOLS);
        assertThat(one.path("pid").asLong()).isEqualTo(4242);
        assertThat(one.path("configs")).extracting(config -> config.path("configFile").asText())
                .containsExactly(TOOLS);
    }

    @Test
    void detachActsOnTheJvmWithoutAConfig() {
        control.onDetach(served.plane()::close);

        assertThat(Cli.run("detach", served.socket()).exitCode()).isZero();
        // the reply leaves before the plane detaches: the call follows it
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(control.calls()).containsExactly("detach()"));
    }

    @Test
    void interactiveSwitchesConfigWithTheConfigCommand() {
        Cli.Result result = Cli.runWithInput("""
                r
                config tools
                r
                b 2
                config root.yml
                set name zeta
                config
                """, "interactive", served.socket());

        assertThat(result.exitCode()).as("the first r failed, on a pipe").isEqualTo(1);
        assertThat(result.err()).isEqualTo("this JVM has 2 configs; name one with --config: " + ROOT + ", " + TOOLS
                + "\nchoose one with: config <path or substring>\n");
        assertThat(result.out()).contains("config [tools.yml] " + TOOLS + "\n", "config [root.yml] " + ROOT + "\n",
                "* [root.yml] " + ROOT + "\n  [tools.yml] " + TOOLS + "\n");
        assertThat(operations(control.config(1))).containsExactly("reload(false)", "rollback(2)");
        assertThat(operations(control.config(0))).containsExactly("set(name,zeta)");
    }

    @Test
    void interactiveStartsOnTheConfigGivenAndSaysWhenOneIsUnknown() {
        Cli.Result result = Cli.runWithInput("r\nconfig prompts\nr\n", "interactive", served.socket(), "--config",
                "tools");

        assertThat(result.err()).isEqualTo("no config of this JVM matches 'prompts'; its configs: " + ROOT + ", "
                + TOOLS + "\n");
        assertThat(operations(control.config(1))).containsExactly("reload(false)", "reload(false)");
    }

    @Test
    void promptOnATerminalNamesTheConfigWhenThereAreSeveral() throws IOException {
        StringWriter out = new StringWriter();
        Io terminal = new Io(new BufferedReader(new StringReader("config tools\n")), new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true), true);

        Main.run(new String[] {"interactive", served.socket()}, terminal);

        assertThat(out.toString().replace(System.lineSeparator(), "\n"))
                .contains("\naiq-dev [no config chosen]> config [tools.yml] " + TOOLS + "\naiq-dev [tools.yml]> ");
    }

    /** A config's calls but its status, which {@code config C} reads to check C. */
    private static List<String> operations(FakeDevModeControl.FakeConfig config) {
        return config.calls().stream().filter(call -> !call.equals("status()")).toList();
    }
}
