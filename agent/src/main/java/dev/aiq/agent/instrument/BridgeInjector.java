package dev.aiq.agent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts {@code dev.aiq.bootstrap.DevModeBridge} into the boot loader, before any other class names it. Internal.
 *
 * <p>First choice: {@code jdk.internal.misc.Unsafe.defineClass} with a null loader, after opening that package to
 * the agent (10–16 ms, silent). Fallback: a temporary jar appended to the bootstrap search path (30–45 ms, and the
 * JVM prints a class-sharing notice).
 */
public final class BridgeInjector {

    /** The bridge's binary name. */
    public static final String BRIDGE = "dev.aiq.bootstrap.DevModeBridge";
    private static final String RESOURCE = "dev/aiq/bootstrap/DevModeBridge.class";

    private BridgeInjector() {
    }

    /** Tells whether the boot loader already has the bridge (the agent ran in this JVM before). */
    public static boolean present() {
        try {
            Class.forName(BRIDGE, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Defines the bridge in the boot loader unless it is there already. */
    public static void inject(Instrumentation inst) throws Exception {
        if (present()) {
            return;
        }
        byte[] bytes = bridgeBytes();
        try {
            defineWithUnsafe(inst, bytes);
        } catch (Throwable unsafeFailed) {
            appendJar(inst, bytes);
        }
        if (!present()) {
            throw new IllegalStateException("the bootstrap bridge could not be defined");
        }
    }

    private static byte[] bridgeBytes() throws IOException {
        try (InputStream in = BridgeInjector.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is missing from the agent jar");
            }
            return in.readAllBytes();
        }
    }

    private static void defineWithUnsafe(Instrumentation inst, byte[] bytes) throws Exception {
        Module javaBase = Object.class.getModule();
        Module self = BridgeInjector.class.getModule();
        inst.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.misc", Set.of(self)),
                Map.of("jdk.internal.misc", Set.of(self)), Set.of(), Map.of());
        Class<?> unsafeClass = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeClass.getMethod("getUnsafe").invoke(null);
        Method define = unsafeClass.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        define.invoke(unsafe, BRIDGE, bytes, 0, bytes.length, null, null);
    }

    private static void appendJar(Instrumentation inst, byte[] bytes) throws IOException {
        Path jar = Files.createTempFile("aiq-dev-bridge", ".jar");
        jar.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
            jarOut.putNextEntry(new JarEntry(RESOURCE));
            jarOut.write(bytes);
            jarOut.closeEntry();
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
    }
}
