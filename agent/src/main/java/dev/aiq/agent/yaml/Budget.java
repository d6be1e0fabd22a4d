package dev.aiq.agent.yaml;

/**
 * Counts the values a read builds once aliases and repeated includes are expanded, and stops the read when they pass
 * {@link Limits#maxValues()}: sharing lets a small file describe an exponentially large tree. Internal.
 */
final class Budget {

    /** Thrown when the budget is spent; carries no stack trace because it is control flow, caught by the read. */
    static final class Exceeded extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final boolean text;

        Exceeded(boolean text) {
            super(null, null, false, false);
            this.text = text;
        }

        /** Whether the text budget was spent, rather than the count of values. */
        boolean text() {
            return text;
        }
    }

    private final int limit;
    private final long textLimit;
    private int spent;
    private long textSpent;

    Budget(int limit, long textLimit) {
        this.limit = limit;
        this.textLimit = textLimit;
    }

    /** Counts {@code chars} characters of keys or strings placed in the tree. */
    void spendText(long chars) {
        textSpent += chars;
        if (textSpent > textLimit) {
            throw new Exceeded(true);
        }
    }

    void spend() {
        spend(1);
    }

    void spend(int values) {
        spent += values;
        if (spent > limit || spent < 0) {
            throw new Exceeded(false);
        }
    }
}
