package dev.aiq.agent.instrument;

import java.util.List;

/**
 * The config loaders of agent frameworks the agent recognises without options: when the app has no
 * {@code @ConfigProvider} of its own and no {@code provider=} was given, the first call of one of these methods is a
 * config. Matched by class name in the transformer (nothing is loaded to find them), then by exact method and
 * descriptor. Turned off with {@code known_loaders=false}. Internal.
 *
 * <p>To add a framework, add one line to {@link #ALL}: the loader must be a method that returns the loaded config and
 * takes the config file among its arguments (a {@code String}, {@code Path}, {@code File} or {@code URI}).
 */
public final class KnownLoaders {

    /**
     * One framework's loader.
     *
     * @param framework  the framework's name as the banner shows it, for example {@code Google ADK}
     * @param className  the loader's binary class name
     * @param methodName the loader method's name
     * @param descriptor the loader method's JVM descriptor: only this overload is hooked
     */
    public record KnownLoader(String framework, String className, String methodName, String descriptor) {

        /**
         * Whether {@code internalName} ({@code a/b/C}, as in class files) names the loader's class; compared without
         * allocating, since the transformer asks this for every class the JVM loads.
         */
        boolean declaredBy(String internalName) {
            if (internalName.length() != className.length()) {
                return false;
            }
            for (int i = 0; i < internalName.length(); i++) {
                char c = internalName.charAt(i);
                if ((c == '/' ? '.' : c) != className.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /** Returns {@code Google ADK (com.google.adk.agents.ConfigAgentUtils#fromConfig)}. */
        public String displayName() {
            return framework + " (" + className + "#" + methodName + ")";
        }
    }

    /** Every known loader, the most common first. */
    static final List<KnownLoader> ALL = List.of(
            new KnownLoader("Google ADK", "com.google.adk.agents.ConfigAgentUtils", "fromConfig",
                    "(Ljava/lang/String;)Lcom/google/adk/agents/BaseAgent;"));

    private KnownLoaders() {
    }

    /** The loader of {@code loaders} declared by the class with this internal name ({@code a/b/C}), or null. */
    static KnownLoader declaredBy(List<KnownLoader> loaders, String internalClassName) {
        for (KnownLoader loader : loaders) {
            if (loader.declaredBy(internalClassName)) {
                return loader;
            }
        }
        return null;
    }

    /** The known loader that is this instrumented method, or null: for the banner's "Known loader" line. */
    public static KnownLoader of(ProviderSlot slot) {
        return of(ALL, slot);
    }

    /** The loader of {@code loaders} that is this instrumented method, or null. */
    static KnownLoader of(List<KnownLoader> loaders, ProviderSlot slot) {
        for (KnownLoader loader : loaders) {
            if (loader.className().equals(slot.className()) && loader.methodName().equals(slot.methodName())
                    && loader.descriptor().equals(slot.descriptor())) {
                return loader;
            }
        }
        return null;
    }
}
