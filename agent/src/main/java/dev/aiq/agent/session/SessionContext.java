package dev.aiq.agent.session;

import dev.aiq.agent.console.Feedback;
import dev.aiq.agent.options.AgentOptions;
import dev.aiq.agent.protocol.ReloadOutcome;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a config session needs of the JVM's runtime: the options in force, the one reload thread, the console and
 * the sink for the agent's own problems. Internal.
 */
public interface SessionContext {

    /** The options in force (a second attach may change them). */
    AgentOptions options();

    /** The reload thread every session's state changes run on, so reloads of different configs never overlap. */
    ScheduledExecutorService worker();

    /** The console. */
    Feedback feedback();

    /** Reports one of the agent's own problems (once per text). */
    void problem(String line);

    /** Whether the agent was attached to a running JVM (the pipeline then starts at once). */
    boolean attached();

    /** {@code session} had {@code outcome} (on the reload thread): the runtime tells its outcome listeners. */
    void outcome(ConfigSession session, ReloadOutcome outcome);

    /** A session's pipeline runs: the runtime opens the control socket and hooks into shutdown. */
    void pipelineStarted(ConfigSession session);
}
