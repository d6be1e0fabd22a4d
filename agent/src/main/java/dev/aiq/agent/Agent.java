package dev.aiq.agent;

import java.lang.instrument.Instrumentation;

/** Placeholder entry. */
public final class Agent {
    private Agent() {
    }

    public static void premain(String args, Instrumentation inst) {
    }

    public static void agentmain(String args, Instrumentation inst) {
    }
}
