package dev.aiq.testhost;

/** A loader that, like ADK's, resolves names through the context class loader: it returns that loader. */
public final class ContextLoaderFixture {

    private ContextLoaderFixture() {
    }

    /** The context class loader of the calling thread, or the string {@code none}. */
    public static Object fromConfig(String path) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader == null ? "none" : loader;
    }
}
