package dev.aiq.bench;

/**
 * One line of the results table. Internal.
 *
 * @param metric   what was measured, as the table names it
 * @param target   the target, as text
 * @param measured what was measured, as text (medians and ratios of the same run)
 * @param pass     whether the target was met
 */
record Result(String metric, String target, String measured, boolean pass) {

    /** Prints the result as one line, for a benchmark run on its own. */
    void print() {
        System.out.println((pass ? "PASS " : "FAIL ") + metric + ": " + measured + " (target " + target + ")");
    }
}
