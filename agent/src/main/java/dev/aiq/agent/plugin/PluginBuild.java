package dev.aiq.agent.plugin;

import dev.aiq.agent.reload.Reasons;
import java.io.Closeable;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
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
 * Builds a plugin set: a new class loader over a private copy of a snapshot's files, and every component {@link ServiceLoader} finds in
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
     * Builds generation {@code generation} of {@code content}'s set of {@code service} components, in a class loader
     * over a private copy of the bytes that were read (see {@link PluginCopies}).
     *
     * @param parent the loader the service interface comes from
     */
    static PluginGeneration build(long generation, PluginContent content, Class<?> service, ClassLoader parent)
            throws Failure {
        PluginSnapshot snapshot = content.snapshot();
        PluginCopies.Copy copy;
        try {
            copy = PluginCopies.write(generation, content);
        } catch (IOException | RuntimeException e) {
            throw new Failure(snapshot.location().getFileName() + ": cannot copy the plugins: " + Reasons.of(e), e);
        }
        URL[] urls;
        try {
            urls = urlsOf(snapshot, copy);
        } catch (Failure f) {
            PluginCopies.delete(copy.directory());
            throw f;
        }
        URLClassLoader loader = new URLClassLoader("aiq-dev plugins " + generation, urls, parent);
        Cleaner.Cleanable deleteCopy = PluginCopies.deleteWhenUnreachable(loader, copy.directory());
        try {
            List<Object> components = new ArrayList<>();
            Iterator<?> found = ServiceLoader.load(service, loader).iterator();
            while (found.hasNext()) {
                components.add(found.next());
            }
            return new PluginGeneration(generation, snapshot, loader, components, deleteCopy);
        } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
            String reason = reason(e, snapshot, copy, service);
            close(loader);
            deleteCopy.clean();
            throw new Failure(reason, e);
        }
    }

    /** A set that does not go live: its loader closed and its copy deleted now. */
    static void discard(PluginGeneration candidate) {
        close(candidate.loader());
        if (candidate.copy() != null) {
            candidate.copy().clean();
        }
    }

    /** The copies' URLs, every jar read through first. */
    private static URL[] urlsOf(PluginSnapshot snapshot, PluginCopies.Copy copy) throws Failure {
        List<URL> urls = new ArrayList<>();
        for (int i = 0; i < snapshot.files().size(); i++) {
            PluginFile file = snapshot.files().get(i);
            Path copied = copy.files().get(i);
            if (!file.directory()) {
                checkJar(file, copied);
            }
            try {
                urls.add(copied.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new Failure(file.name() + ": " + e.getMessage(), e);
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** Closes a loader, which frees its jars; its classes go once nothing refers to them. */
    private static void close(ClassLoader loader) {
        if (loader instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException | RuntimeException ignored) {
                // the jars close when the loader is collected
            }
        }
    }

    /** A class loader skips a jar it cannot open without a word: the build says so instead. */
    private static void checkJar(PluginFile file, Path copied) throws Failure {
        try (JarFile jar = new JarFile(copied.toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                entries.nextElement();
            }
        } catch (IOException | RuntimeException e) {
            throw new Failure(file.name() + ": not a readable jar (" + Reasons.of(e) + ")", e);
        }
    }

    private static String reason(Throwable e, PluginSnapshot snapshot, PluginCopies.Copy copy, Class<?> service) {
        String className = null;
        Matcher m = PROVIDER.matcher(String.valueOf(e.getMessage()));
        if (m.find()) {
            className = m.group(1);
        }
        if (className == null) {
            return snapshot.location().getFileName() + ": " + Reasons.of(e);
        }
        String where = whoLists(snapshot, copy, service, className);
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
    private static String whoLists(PluginSnapshot snapshot, PluginCopies.Copy copy, Class<?> service,
                                   String className) {
        for (int i = 0; i < snapshot.files().size(); i++) {
            PluginFile file = snapshot.files().get(i);
            if (file.listedIn(copy.files().get(i), service.getName()).contains(className)) {
                return file.name();
            }
        }
        return null;
    }
}
