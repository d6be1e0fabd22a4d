package dev.aiq.agent.instrument;

import dev.aiq.agent.options.ProviderSpec;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The instrument stage's entry: installs the provider transformer, retransforms providers that are already loaded
 * (attach), and undoes it all for {@code detach}. Internal.
 */
public final class Instrumenter {

    private final Instrumentation inst;
    private final ProviderTransformer transformer;
    private final Consumer<String> problems;

    private Instrumenter(Instrumentation inst, ProviderTransformer transformer, Consumer<String> problems) {
        this.inst = inst;
        this.transformer = transformer;
        this.problems = problems;
    }

    /**
     * Installs the transformer for providers named in {@code specs} and every method annotated
     * {@code @ConfigProvider}, and, when {@code knownLoaders} is true and both of those are absent, the
     * {@link KnownLoaders}. The bridge must already be in the boot loader.
     */
    public static Instrumenter install(Instrumentation inst, List<ProviderSpec> specs, boolean knownLoaders,
                                       Consumer<String> problems) {
        ProviderTransformer transformer = new ProviderTransformer(specs, knownLoaders ? KnownLoaders.ALL : List.of(), problems);
        inst.addTransformer(transformer, true);
        return new Instrumenter(inst, transformer, problems);
    }

    /**
     * Retransforms provider classes that are already loaded (at attach, or after new specs were added).
     *
     * @return the classes retransformed
     */
    public List<Class<?>> retransformLoaded() {
        List<Class<?>> candidates = new ArrayList<>();
        List<Class<?>> libraries = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (isLibrary(c.getName())) {
                libraries.add(c);
            } else if (isProviderClass(c)) {
                candidates.add(c);
            }
        }
        if (candidates.isEmpty()) {
            // no provider in the app's own code: its own code may live in a package named like a library's
            for (Class<?> c : libraries) {
                if (isProviderClass(c) || mayDeclareProviderInLibrary(c)) {
                    candidates.add(c);
                }
            }
        }
        for (Class<?> c : candidates) {
            try {
                inst.retransformClasses(c);
            } catch (Throwable t) {
                problems.accept("aiq-dev: could not instrument " + c.getName() + ": " + t);
            }
        }
        return candidates;
    }

    /** Adds providers named later (a second {@code attach} with {@code --provider}) and instruments them. */
    public void addProviders(List<ProviderSpec> specs) {
        transformer.addSpecs(specs);
        retransformLoaded();
    }

    /** Every provider method instrumented so far. */
    public List<ProviderSlot> slots() {
        return transformer.slots();
    }

    /** The slot with this index, or null. */
    public ProviderSlot slot(int index) {
        return transformer.slot(index);
    }

    /** The providers asked for by name. */
    public List<ProviderSpec> specs() {
        return transformer.specs();
    }

    /** Removes the transformer and restores every instrumented class to its original code. */
    public void reset() {
        transformer.disable();
        inst.removeTransformer(transformer);
        List<Class<?>> woven = new ArrayList<>();
        List<ProviderSlot> slots = transformer.slots();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            for (ProviderSlot slot : slots) {
                if (slot.className().equals(c.getName()) && slot.loader().get() == c.getClassLoader()) {
                    woven.add(c);
                    break;
                }
            }
        }
        for (Class<?> c : woven) {
            try {
                inst.retransformClasses(c);
            } catch (Throwable t) {
                problems.accept("aiq-dev: could not restore " + c.getName() + ": " + t);
            }
        }
    }

    private boolean isProviderClass(Class<?> c) {
        ClassLoader loader = c.getClassLoader();
        if (loader == null || c.isArray() || c.isPrimitive() || !inst.isModifiableClass(c)
                || ProviderTransformer.skipped(c.getName().replace('.', '/'))) {
            return false;
        }
        if (transformer.namedBySpec(c.getName().replace('.', '/'))) {
            return true;
        }
        if (loader == ClassLoader.getPlatformClassLoader() || c.isSynthetic() || isLibrary(c.getName())) {
            return false;
        }
        return mayDeclareProvider(c, loader);
    }

    /** Like {@link #isProviderClass} for a class of a library package, looked into only when the app has no other. */
    private boolean mayDeclareProviderInLibrary(Class<?> c) {
        ClassLoader loader = c.getClassLoader();
        return loader != null && loader != ClassLoader.getPlatformClassLoader() && !c.isArray() && !c.isSynthetic()
                && inst.isModifiableClass(c) && mayDeclareProvider(c, loader);
    }

    /**
     * Packages of libraries that do not depend on aiq-dev-api, so none of their classes can be annotated
     * {@code @ConfigProvider}: at attach, reading their class files is most of the look (a Spring or Jackson app
     * has thousands of them loaded, its own code a few hundred). A loader of such a library is hooked by name
     * ({@link KnownLoaders}, {@code provider=}), which is checked before this; and when the app's other classes hold
     * no provider, these are looked into after all.
     */
    private static final String[] LIBRARY_PACKAGES = libraryPackages("com|fasterxml|jackson", "org|yaml|snakeyaml",
        "org|springframework", "org|apache", "io|netty", "com|google|common", "com|google|protobuf", "com|google|gson",
        "io|grpc", "kotlin", "kotlinx", "scala", "org|slf4j", "ch|qos|logback", "org|jboss", "io|micrometer", "reactor",
        "io|reactivex", "org|reactivestreams", "org|eclipse", "io|opentelemetry", "okhttp3", "okio", "org|jetbrains",
        "net|bytebuddy", "org|hibernate", "jakarta", "javax", "org|junit", "org|aspectj", "org|objectweb|asm",
        "io|vertx", "org|glassfish", "io|undertow", "org|xnio", "com|zaxxer", "org|postgresql", "com|mysql", "org|h2",
        "io|swagger", "org|tinylog", "org|checkerframework", "com|github|benmanes|caffeine", "picocli");

    /**
     * The prefixes, written with '|' for '.': the build relocates the libraries the agent bundles, and would rewrite
     * a literal {@code "com.fasterxml.jackson."} into the agent's own relocated package.
     */
    private static String[] libraryPackages(String... packages) {
        String[] prefixes = new String[packages.length];
        for (int i = 0; i < packages.length; i++) {
            prefixes[i] = packages[i].replace('|', '.') + '.';
        }
        return prefixes;
    }

    static boolean isLibrary(String className) {
        for (String prefix : LIBRARY_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Looks for the annotation in the class file the loader has for {@code c}: for the thousands of classes of a
     * running app, reading their bytes costs a fraction of reflecting on their methods, and loads nothing. A class
     * without a class file (generated at run time) is asked through reflection.
     */
    private static boolean mayDeclareProvider(Class<?> c, ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(c.getName().replace('.', '/').concat(".class"))) {
            if (in != null) {
                return ClassBytes.mayDeclareProvider(in.readAllBytes());
            }
        } catch (IOException | RuntimeException unreadable) {
            // ask reflection
        }
        try {
            for (Method m : c.getDeclaredMethods()) {
                for (java.lang.annotation.Annotation a : m.getDeclaredAnnotations()) {
                    if (a.annotationType().getName().equals("dev.aiq.api.ConfigProvider")) {
                        return true;
                    }
                }
            }
        } catch (Throwable unresolvable) {
            // a class whose methods cannot be resolved is no provider we can use
        }
        return false;
    }
}
