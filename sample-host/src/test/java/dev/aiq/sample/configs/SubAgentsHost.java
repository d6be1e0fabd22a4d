package dev.aiq.sample.configs;

import dev.aiq.api.ConfigProvider;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Internal. A host whose loader calls itself, in the shape of Google ADK's {@code ConfigAgentUtils.fromConfig}: a root
 * agent file names its sub-agents' files ({@code sub_agents: [{config_path: a.yaml}, ...]}, relative to the root's
 * directory) and {@link #fromConfig} loads each of them by calling itself, the first one directly and the others
 * through reflection, as a framework would. Every tick it calls {@code fromConfig(root)} once and prints the composed
 * agent, {@code tick N root=helper:Be brief subs=[a:Search the web,b:Summarise]}.
 *
 * <p>Like ADK it refuses an agent without an instruction with a {@link ConfigurationException} whose own message only
 * names the file; the reason is its cause. A sub-agent refused through reflection arrives at the root's call as an
 * {@link InvocationTargetException}, which the root wraps in a {@code ConfigurationException} of its own.
 *
 * <p>Usage: {@code SubAgentsHost ROOT_FILE}; runs until it is stopped.
 */
public final class SubAgentsHost {

    private SubAgentsHost() {
    }

    /**
     * An agent: its name, its instruction and its sub-agents.
     *
     * @param name        the {@code name} of its file
     * @param instruction the {@code instruction} of its file, never blank
     * @param subAgents   the agents of its {@code sub_agents}, in order
     */
    public record Agent(String name, String instruction, List<Agent> subAgents) {

        /** Returns {@code name:instruction}. */
        String describe() {
            return name + ":" + instruction;
        }
    }

    /** A config that cannot become an agent; like ADK's, its message names the file and its cause says why. */
    public static final class ConfigurationException extends Exception {

        private static final long serialVersionUID = 1L;

        ConfigurationException(String path, Throwable cause) {
            super("Failed to create agent from config: " + path, cause);
        }
    }

    /** The provider: the agent of the file at {@code path}, with every sub-agent loaded by a call of its own. */
    @ConfigProvider
    public static Agent fromConfig(String path) throws ConfigurationException {
        Path file = Path.of(path);
        Map<String, Object> yaml;
        try {
            yaml = HostLoop.readYaml(file);
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException(path, e);
        }
        Object instruction = yaml.get("instruction");
        if (instruction == null || instruction.toString().isBlank()) {
            throw new ConfigurationException(path, new IllegalArgumentException("Agent instruction is required"));
        }
        List<Agent> subAgents = new ArrayList<>();
        for (String subPath : subAgentPaths(file, yaml.get("sub_agents"))) {
            subAgents.add(subAgents.isEmpty() ? fromConfig(subPath) : throughReflection(path, subPath));
        }
        return new Agent(String.valueOf(yaml.get("name")), instruction.toString(), List.copyOf(subAgents));
    }

    /** Runs the host; see the class comment. */
    public static void main(String[] args) throws InterruptedException {
        String root = args[0];
        HostLoop.tickForever(() -> {
            Agent agent = fromConfig(root);
            return "root=" + agent.describe() + " subs=" + agent.subAgents().stream().map(Agent::describe)
                    .collect(Collectors.joining(",", "[", "]"));
        });
    }

    private static Agent throughReflection(String path, String subPath) throws ConfigurationException {
        try {
            return (Agent) SubAgentsHost.class.getMethod("fromConfig", String.class).invoke(null, subPath);
        } catch (ReflectiveOperationException e) {
            // an InvocationTargetException, when the sub-agent's own call refused its file: the reason is inside
            throw new ConfigurationException(path, e);
        }
    }

    private static List<String> subAgentPaths(Path file, Object subAgents) {
        List<String> paths = new ArrayList<>();
        if (subAgents instanceof List<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> map && map.get("config_path") != null) {
                    paths.add(file.resolveSibling(String.valueOf(map.get("config_path"))).toString());
                }
            }
        }
        return paths;
    }
}
