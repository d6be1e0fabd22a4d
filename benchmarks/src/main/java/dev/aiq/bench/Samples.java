package dev.aiq.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A set of measurements in milliseconds, with nearest-rank percentiles. Internal. */
final class Samples {

    private final List<Double> values = new ArrayList<>();

    /** Adds one measurement in milliseconds. */
    void add(double millis) {
        values.add(millis);
    }

    /** Adds the time between two {@link System#nanoTime()} readings. */
    void addNanos(long fromNanos, long toNanos) {
        add((toNanos - fromNanos) / 1e6);
    }

    int size() {
        return values.size();
    }

    /** The {@code p}-th percentile (0 < p ≤ 100), nearest rank. */
    double percentile(double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    double median() {
        return percentile(50);
    }

    /** {@code p50 1.2 ms, p99 3.4 ms, min 0.9, max 5.0 (n=200)}. */
    String summary() {
        return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, min %.1f, max %.1f (n=%d)", median(),
                percentile(99), percentile(0.0001), percentile(100), size());
    }

    /** Formats milliseconds with one decimal. */
    static String ms(double millis) {
        return String.format(Locale.ROOT, "%.1f ms", millis);
    }
}
