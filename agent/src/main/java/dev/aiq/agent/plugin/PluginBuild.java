package dev.aiq.agent.plugin;

import dev.aiq.agent.reload.Reasons;
import java.io.Closeable;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a plugin set: a new class loader over a snapshot's files, and every component {@link ServiceLoader} finds in
 * it, instantiated. A failure is one line naming the jar or class at fault. Internal.
 */
final class PluginBuild {

    /** The class a {@link ServiceConfigurationError} is about: {@code svc: Provider com.acme.X not found}. */
    private static final Pattern PROVIDER = Pattern.compile("Provider (\\S+)");

    private PluginBuild() {
    }

    /** Why a set could not be built: one line naming the jar or class. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /**
     * Builds generation {@code generation} of {@code snapshot}'s set of {@code service} components.
     *
     * @param parent the loader the service interface comes from
     */
    static PluginGeneration build(long generation, PluginSnapshot snapshot, Class<?> service, ClassLoader parent)
            throws Failure {
        List<URL> urls = new ArrayList<>();
        for (PluginFile file : snapshot.files()) {
            if (!file.directory()) {
                checkJar(file);
            }
            try {
                urls.add(file.path().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new Failure(file.name() + ": " + e.getMessage(), e);
            }
        }
        URLClassLoader loader = new URLClassLoader("aiq-dev plugins " + generation, urls.toArray(URL[]::new), parent);
        try {
            List<Object> components = new ArrayList<>();
            Iterator<?> found = ServiceLoader.load(service, loader).iterator();
            while (found.hasNext()) {
                components.add(found.next());
            }
            return new PluginGeneration(generation, snapshot, loader, components);
        } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
            close(loader);
            throw new Failure(reason(e, snapshot, service), e);
        }
    }

    /** Closes a set's loader, which frees its jars; its classes go once nothing refers to them. */
    static void close(ClassLoader loader) {
        if (loader instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException | RuntimeException ignored) {
                // the jars close when the loader is collected
            }
        }
    }

    /** A class loader skips a jar it cannot open without a word: the build says so instead. */
    private static void checkJar(PluginFile file) throws Failure {
        try (JarFile jar = new JarFile(file.path().toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                entries.nextElement();
            }
        } catch (IOException | RuntimeException e) {
            throw new Failure(file.name() + ": not a readable jar (" + Reasons.of(e) + ")", e);
        }
    }

    private static String reason(Throwable e, PluginSnapshot snapshot, Class<?> service) {
        String className = null;
        Matcher m = PROVIDER.matcher(String.valueOf(e.getMessage()));
        if (m.find()) {
            className = m.group(1);
        }
        if (className == null) {
            return snapshot.location().getFileName() + ": " + Reasons.of(e);
        }
        String where = whoLists(snapshot, service, className);
        Throwable cause = e.getCause();
        String message = String.valueOf(e.getMessage());
        String what;
        if (message.endsWith("not found")) {
            what = "class " + className + ", listed in META-INF/services/" + service.getName() + ", is missing";
        } else if (cause != null) {
            what = className + " could not be instantiated: " + cause.getClass().getSimpleName() + ": "
                    + Reasons.of(cause);
        } else {
            what = message.substring(message.indexOf("Provider "));
        }
        return (where == null ? "" : where + ": ") + what;
    }

    /** The jar or class directory whose service file lists {@code className}, or null. */
    private static String whoLists(PluginSnapshot snapshot, Class<?> service, String className) {
        for (PluginFile file : snapshot.files()) {
            if (file.listed(service.getName()).contains(className)) {
                return file.name();
            }
        }
        return null;
    }
}
