package dev.aiq.examples.adk;

import com.google.adk.agents.BaseAgent;
import com.google.adk.agents.ConfigAgentUtils;
import com.google.adk.models.LlmRegistry;
import dev.aiq.api.DevMode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A small Google ADK app, as a user would write it: it loads its root agent (and through it the sub-agents) from
 * YAML with ADK's own {@code ConfigAgentUtils.fromConfig}, and answers on a line-based console. Run with
 * {@code -javaagent:aiq-dev.jar} (no options: the agent knows ADK's loader) and edit the YAML while it runs.
 *
 * <pre>
 * java -javaagent:aiq-dev.jar -jar adk-agent.jar run console --config_file agents/root_agent.yaml
 * </pre>
 *
 * <p>Console commands, one per line, each answered by one line: {@code say SESSION TEXT} ({@code reply SESSION: ...}),
 * {@code history SESSION} ({@code history SESSION: author: text | ...}), {@code agents} ({@code agents: ...}) and
 * {@code quit}.
 */
public final class AdkAgentApp {

    private AdkAgentApp() {
    }

    /** Starts the app; the one argument that matters is {@code --config_file PATH} (default {@code root_agent.yaml}). */
    public static void main(String[] args) throws Exception {
        Path configFile = configFile(args);
        LlmRegistry.registerLlm("fake-.*", FakeLlm::new);
        BaseAgent root = ConfigAgentUtils.fromConfig(configFile.toString());
        LiveRunner live = new LiveRunner(root);
        // The one line a user adds for dev mode: new turns get the reloaded agent, on the same conversations.
        DevMode.onReload(BaseAgent.class, event -> live.use(event.current()));
        PrintStream out = System.out;
        out.println("ADK agent ready: " + root.name());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.strip().equals("quit"); line = in.readLine()) {
            out.println(answer(live, line.strip()));
        }
    }

    /** The console's answer to one command line. */
    static String answer(LiveRunner live, String command) {
        String[] words = command.split(" ", 3);
        try {
            return switch (words[0]) {
                case "say" -> words.length < 3 ? "error: say SESSION TEXT"
                        : "reply " + words[1] + ": " + live.say(words[1], words[2]);
                case "history" -> words.length < 2 ? "error: history SESSION"
                        : "history " + words[1] + ": " + String.join(" | ", live.history(words[1]));
                case "agents" -> "agents: " + String.join("; ", live.describeAgents());
                default -> "error: unknown command '" + words[0] + "' (say, history, agents, quit)";
            };
        } catch (RuntimeException e) {
            return "error: " + e;
        }
    }

    private static Path configFile(String[] args) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--config_file")) {
                return Path.of(args[i + 1]);
            }
        }
        return Path.of("root_agent.yaml");
    }
}
