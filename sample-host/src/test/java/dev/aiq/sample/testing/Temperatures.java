package dev.aiq.sample.testing;

import java.math.BigDecimal;

/**
 * Distinct LLM temperatures for successive edits of one running host, so that every edit really changes the config:
 * {@code 0.11}, {@code 0.12}, … {@code 1.99}, skipping {@code 0.20}, {@code 0.30} … (which YAML and Java print
 * differently). Not thread-safe.
 */
public final class Temperatures {

    private static final int LAST = 199;

    private int hundredths = 10;

    /** Returns the next temperature as YAML text, for example {@code 0.37}. */
    public String next() {
        do {
            hundredths++;
        } while (hundredths % 10 == 0);
        if (hundredths > LAST) {
            throw new IllegalStateException("out of distinct temperatures below 2.0");
        }
        return BigDecimal.valueOf(hundredths, 2).toPlainString();
    }
}
