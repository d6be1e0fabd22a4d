package dev.aiq.sample.reliability;

/**
 * One hostile input of {@link HostileInputsIT}: what is done to the config directory, and what the agent must say.
 *
 * @param name     the test's name: what the input is
 * @param edit     what is done to the files
 * @param expected the one line that must follow
 */
record HostileInput(String name, Edit edit, Expected expected) {

    /** Does something to the live config's files. */
    @FunctionalInterface
    interface Edit {
        /** Edits the files of {@code workspace}. */
        void apply(Workspace workspace) throws Exception;
    }

    /** What kind of line an input must produce. */
    enum Outcome {
        /** {@code Configuration reload failed (attempt 1/3): ...}; the live config stays. */
        REJECTED("Configuration reload failed (attempt "),
        /** {@code Configuration file missing: ...}; the live config stays, no attempt. */
        MISSING("Configuration file missing: "),
        /** {@code Configuration file is empty: ...}; the live config stays, no attempt. */
        EMPTY("Configuration file is empty: "),
        /**
         * {@code Configuration reloaded successfully}, or {@code Configuration reloaded: no values changed} for a save
         * that differs from the live config only in comments (the good config put back after a refused input).
         */
        ACCEPTED("Configuration reloaded");

        private final String line;

        Outcome(String line) {
            this.line = line;
        }

        /** Returns the start of the line this outcome prints. */
        String line() {
            return line;
        }
    }

    /**
     * The line an input must produce.
     *
     * @param outcome what kind of line
     * @param detail  text the line must contain after its start (the reason, the file); for
     *                {@link Outcome#ACCEPTED}, text the app's {@code GET /config} must then contain
     */
    record Expected(Outcome outcome, String detail) {
    }

    /** Expects {@code Configuration reload failed (attempt 1/3): ...reason...}. */
    static Expected rejected(String reason) {
        return new Expected(Outcome.REJECTED, reason);
    }

    /** Expects {@code Configuration file missing: <the config file>}. */
    static Expected missing() {
        return new Expected(Outcome.MISSING, "");
    }

    /** Expects {@code Configuration file is empty: <the config file>}. */
    static Expected empty() {
        return new Expected(Outcome.EMPTY, "");
    }

    /** Expects the reload to succeed and {@code GET /config} to contain {@code configJson}. */
    static Expected accepted(String configJson) {
        return new Expected(Outcome.ACCEPTED, configJson);
    }

    @Override
    public String toString() {
        return name;
    }
}
