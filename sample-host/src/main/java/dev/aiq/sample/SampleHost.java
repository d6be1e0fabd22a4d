package dev.aiq.sample;

/** The sample AIQ-style workflow app (placeholder until the sample-host issue fills it). */
public final class SampleHost {
    private SampleHost() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        System.out.println("sample host");
    }
}
