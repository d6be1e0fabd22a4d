package dev.aiq.examples.adk;

import com.google.adk.agents.BaseAgent;
import com.google.adk.agents.Instruction;
import com.google.adk.agents.LlmAgent;
import com.google.adk.artifacts.BaseArtifactService;
import com.google.adk.artifacts.InMemoryArtifactService;
import com.google.adk.events.Event;
import com.google.adk.memory.BaseMemoryService;
import com.google.adk.memory.InMemoryMemoryService;
import com.google.adk.runner.Runner;
import com.google.adk.sessions.BaseSessionService;
import com.google.adk.sessions.InMemorySessionService;
import com.google.adk.sessions.Session;
import com.google.genai.types.Content;
import com.google.genai.types.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The app's runner, rebuilt for every new agent on the same session, artifact and memory services, so that
 * conversations survive a reload ({@code new InMemoryRunner(agent)} would start with empty ones). A turn takes the
 * runner once, at its start: a turn in flight during a reload finishes on the agent it started with, and the next
 * turn of the same conversation uses the new agent.
 */
final class LiveRunner {

    static final String APP_NAME = "adk-agent-example";
    static final String USER = "developer";

    private final BaseSessionService sessions = new InMemorySessionService();
    private final BaseArtifactService artifacts = new InMemoryArtifactService();
    private final BaseMemoryService memory = new InMemoryMemoryService();
    private volatile Runner runner;

    LiveRunner(BaseAgent agent) {
        use(agent);
    }

    /** Makes {@code agent} answer every turn that starts from now on. */
    void use(BaseAgent agent) {
        runner = Runner.builder().agent(agent).appName(APP_NAME).sessionService(sessions).artifactService(artifacts)
                .memoryService(memory).build();
    }

    /** The agent that answers new turns. */
    BaseAgent agent() {
        return runner.agent();
    }

    /** Runs one turn of the conversation {@code sessionId} (started if new) and returns the agent's final text. */
    String say(String sessionId, String text) {
        Runner turnRunner = runner;
        session(sessionId);
        StringBuilder reply = new StringBuilder();
        for (Event event : turnRunner.runAsync(USER, sessionId, Content.fromParts(Part.fromText(text))).blockingIterable()) {
            if (event.finalResponse() && !event.author().equals("user")) {
                reply.append(event.stringifyContent());
            }
        }
        return reply.toString().replace('\n', ' ');
    }

    /** Every event of the conversation {@code sessionId} so far, as {@code author: text}; empty if there is none. */
    List<String> history(String sessionId) {
        Session session = sessions.getSession(APP_NAME, USER, sessionId, Optional.empty()).blockingGet();
        List<String> lines = new ArrayList<>();
        if (session != null) {
            for (Event event : session.events()) {
                lines.add(event.author() + ": " + event.stringifyContent().replace('\n', ' '));
            }
        }
        return lines;
    }

    /** One line per agent of the tree, root first: its name, model, temperature, tools and instruction. */
    List<String> describeAgents() {
        List<String> lines = new ArrayList<>();
        describe(agent(), lines);
        return lines;
    }

    private static void describe(BaseAgent agent, List<String> lines) {
        StringBuilder line = new StringBuilder(agent.name());
        if (agent instanceof LlmAgent llm) {
            line.append(" model=").append(llm.model().map(m -> m.modelName().orElse("?")).orElse("inherited"));
            line.append(" temperature=").append(llm.generateContentConfig()
                    .flatMap(c -> c.temperature()).map(String::valueOf).orElse("default"));
            line.append(" tools=").append(llm.tools().blockingGet().stream().map(t -> t.name()).toList());
            String instruction = llm.instruction() instanceof Instruction.Static s ? s.instruction() : "(computed)";
            line.append(" instruction=").append(instruction.strip().replace('\n', ' '));
        }
        lines.add(line.toString());
        for (BaseAgent sub : agent.subAgents()) {
            describe(sub, lines);
        }
    }

    private void session(String sessionId) {
        if (sessions.getSession(APP_NAME, USER, sessionId, Optional.empty()).blockingGet() == null) {
            sessions.createSession(APP_NAME, USER, null, sessionId).blockingGet();
        }
    }
}
