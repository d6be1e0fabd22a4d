package dev.aiq.agent.cli;

/** Placeholder CLI. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
    }
}
