package dev.aiq.bench;

import java.lang.instrument.Instrumentation;

/**
 * The agent the yardstick client loads: it sets one system property and returns, the least any agent does. Internal.
 */
public final class TrivialAgent {

    /** The property it sets to its options. */
    public static final String PROPERTY = "yardstick.loaded";

    private TrivialAgent() {
    }

    /** Called by {@code loadAgent}. */
    public static void agentmain(String options, Instrumentation inst) {
        System.setProperty(PROPERTY, String.valueOf(options));
    }
}
