package dev.aiq.agent.reload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Failed attempts since the last success, and the content already rejected (by a fingerprint of its raw bytes), so
 * the same bad content is never parsed twice. Changed on the reload thread only. Internal.
 */
final class Attempts {

    private static final int REJECTED_KEPT = 16;

    private final Map<String, List<String>> rejected = new LinkedHashMap<>();
    /** The rejected content the files still hold (its fingerprint), or null once they moved on. */
    private String lastRejected;
    private int count;
    private volatile int view;

    /** Failed attempts since the last success. */
    int count() {
        return view;
    }

    /** The errors {@code fingerprint}'s content was rejected with, or null. */
    List<String> rejectedWith(String fingerprint) {
        return rejected.get(fingerprint);
    }

    /** Whether the files still hold the content rejected last. */
    boolean stillRejected(String fingerprint) {
        return fingerprint.equals(lastRejected);
    }

    /** The files no longer hold rejected content (saving it again deserves its message again). */
    void movedOn() {
        lastRejected = null;
    }

    /** One more failed attempt, with {@code errors}; returns the attempt's number. */
    int failed(String fingerprint, List<String> errors) {
        rejected.remove(fingerprint);
        rejected.put(fingerprint, errors);
        while (rejected.size() > REJECTED_KEPT) {
            rejected.remove(rejected.keySet().iterator().next());
        }
        lastRejected = fingerprint;
        view = ++count;
        return count;
    }

    /** The count starts again (a rollback after the maximum, the files back to the live content). */
    void reset() {
        count = 0;
        view = 0;
    }

    /** A success: no attempts, nothing rejected. */
    void succeeded() {
        reset();
        rejected.clear();
        lastRejected = null;
    }
}
