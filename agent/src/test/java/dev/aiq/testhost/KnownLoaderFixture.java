package dev.aiq.testhost;

/** A framework's loader as the agent meets it: no annotation, two overloads, only one of them the loader. */
public final class KnownLoaderFixture {

    private KnownLoaderFixture() {
    }

    /** The loader: a config from a file path. */
    public static String fromConfig(String path) {
        return "loaded " + path;
    }

    /** Another overload, which is not the known loader. */
    public static String fromConfig(String path, int depth) {
        return "loaded " + path + " at " + depth;
    }
}
