package dev.aiq.agent.cli;

import java.io.IOException;

/** A trivial JVM for attach tests: says it is ready with its Java version, then waits until its stdin closes. */
final class IdleChild {

    private IdleChild() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println("ready " + System.getProperty("java.version"));
        System.out.flush();
        while (System.in.read() >= 0) {
            // nothing to do but wait for the end of input
        }
    }
}
