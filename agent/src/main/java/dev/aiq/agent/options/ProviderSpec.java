package dev.aiq.agent.options;

/**
 * A provider named on the command line: {@code com.acme.ConfigLoader#load}. Internal.
 *
 * @param className  the binary class name, for example {@code com.acme.ConfigLoader}
 * @param methodName the method name; every method of that name is instrumented
 */
public record ProviderSpec(String className, String methodName) {

    /**
     * Parses {@code com.acme.ConfigLoader#load}.
     *
     * @throws IllegalArgumentException if the text is not {@code Class#method}
     */
    public static ProviderSpec parse(String text) {
        int hash = text.indexOf('#');
        if (hash <= 0 || hash == text.length() - 1 || text.indexOf('#', hash + 1) >= 0) {
            throw new IllegalArgumentException("provider '" + text + "' is not Class#method, e.g. com.acme.ConfigLoader#load");
        }
        return new ProviderSpec(text.substring(0, hash).trim(), text.substring(hash + 1).trim());
    }

    /** The class name as it appears in class files: {@code com/acme/ConfigLoader}. */
    public String internalClassName() {
        return className.replace('.', '/');
    }

    @Override
    public String toString() {
        return className + "#" + methodName;
    }
}
