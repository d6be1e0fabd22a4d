package dev.aiq.sample.configs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.sample.testing.Cli;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.HostProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's masking, end to end: a config holding secrets in every shape the review found (under a list of maps,
 * a header's value, a URL's user-info, a nested {@code credentials.pass}, {@code secrets.nvidia}, a key named
 * {@code key}) is edited under the agent, so every secret changes; not one of them, old or new, appears in the
 * agent's console lines, in {@code status}, {@code diff}, {@code history} or {@code validate <pid>}, as text or JSON.
 */
class SecretsStayMaskedIT {

    private static final List<String> OLD = List.of("sk-LIVE-0123456789abcdefA", "tok-cccc3333cccc", "hunter2pass",
            "p4ss-dddd4444", "nvapi-SECRET-bbbb2222bbbb", "k3y-eeee5555");
    private static final List<String> NEW = List.of("sk-LIVE-9876543210fedcbaB", "tok-ffff6666ffff", "swordfish9",
            "p4ss-gggg7777", "nvapi-SECRET-hhhh8888hhhh", "k3y-iiii9999");

    @TempDir
    Path temp;

    @Test
    void noSecretOfTheConfigLeavesTheAgentUnmasked() {
        ConfigDir dir = ConfigDir.in(temp.resolve("app"));
        Path root = dir.writeInPlace("root.yml", config("alpha", OLD));
        Path tools = dir.writeInPlace("tools.yml", "name: hammer\n");

        try (HostProcess host = AgentLoad.JAVAAGENT.start(TwoFilesIT.twoFilesHost(root, tools), temp,
                List.of("delay=0.05"), "root.name=alpha tools.name=hammer", root, tools)) {
            Ticks.afterEdit(host, () -> dir.writeAtomically("root.yml", config("beta", NEW)),
                    "root.name=beta tools.name=hammer");
            String pid = Long.toString(host.process().pid());
            List<String> seen = new ArrayList<>();
            for (String[] command : List.of(
                    new String[] {"status", pid}, new String[] {"status", pid, "--json"},
                    new String[] {"diff", pid, "--config", "root"}, new String[] {"diff", pid, "--config", "root", "--json"},
                    new String[] {"history", pid, "--config", "root"}, new String[] {"history", pid, "--config", "root", "--json"},
                    new String[] {"validate", pid, "--config", "root"}, new String[] {"validate", pid, "--config", "root", "--json"})) {
                Cli.Result result = Cli.run(command);
                assertThat(result.exitCode()).as("%s", result).isZero();
                seen.add(result.out());
                seen.add(result.err());
            }
            seen.add(String.join("\n", host.lines()).replaceAll("(?m)^tick .*$", ""));

            String everything = String.join("\n", seen);
            assertThat(everything).as("the outputs do show the config's other values, so the secrets' absence means")
                    .contains("****", "credentials.pass", "secrets.nvidia", "mcp.example.com");
            for (String secret : OLD) {
                assertThat(everything).as("an old secret").doesNotContain(secret);
            }
            for (String secret : NEW) {
                assertThat(everything).as("a new secret").doesNotContain(secret);
            }
        }
    }

    private static String config(String name, List<String> secrets) {
        return "name: " + name + "\n"
                + "mcp_servers:\n"
                + "  - name: search\n"
                + "    api_key: " + secrets.get(0) + "\n"
                + "    headers:\n"
                + "      - name: Authorization\n"
                + "        value: \"Bearer " + secrets.get(1) + "\"\n"
                + "    url: \"https://bob:" + secrets.get(2) + "@mcp.example.com/v1\"\n"
                + "credentials:\n"
                + "  user: bob\n"
                + "  pass: " + secrets.get(3) + "\n"
                + "secrets:\n"
                + "  nvidia: " + secrets.get(4) + "\n"
                + "store:\n"
                + "  key: " + secrets.get(5) + "\n";
    }
}
