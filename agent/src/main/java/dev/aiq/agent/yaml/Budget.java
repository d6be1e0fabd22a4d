package dev.aiq.agent.yaml;

/**
 * Counts the values a read builds once aliases and repeated includes are expanded, and stops the read when they pass
 * {@link Limits#maxValues()}: sharing lets a small file describe an exponentially large tree. Internal.
 */
final class Budget {

    /** Thrown when the budget is spent; carries no stack trace because it is control flow, caught by the read. */
    static final class Exceeded extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Exceeded() {
            super(null, null, false, false);
        }
    }

    private final int limit;
    private int spent;

    Budget(int limit) {
        this.limit = limit;
    }

    void spend() {
        spend(1);
    }

    void spend(int values) {
        spent += values;
        if (spent > limit || spent < 0) {
            throw new Exceeded();
        }
    }
}
