package dev.aiq.agent;

import java.lang.instrument.Instrumentation;

/**
 * The entry points of {@code aiq-dev.jar} as a Java agent: {@code -javaagent:aiq-dev.jar[=options]} and
 * {@code aiq-dev attach}. Kept tiny: no state, no logging, never throws; {@link AgentRuntime} does the work.
 */
public final class Agent {

    private Agent() {
    }

    /** Called before the app's {@code main}. */
    public static void premain(String options, Instrumentation inst) {
        start(options, inst, false);
    }

    /** Called when {@code aiq-dev attach} loads the agent into a running JVM. */
    public static void agentmain(String options, Instrumentation inst) {
        start(options, inst, true);
    }

    private static void start(String options, Instrumentation inst, boolean attached) {
        try {
            AgentRuntime.start(options, inst, attached);
        } catch (Throwable t) {
            System.err.println("aiq-dev: development mode could not start: " + t);
        }
    }
}
