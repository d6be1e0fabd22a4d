package dev.aiq.agent.instrument;

import dev.aiq.api.ConfigOverrides;
import dev.aiq.bootstrap.DevModeBridge;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A recorded call of a provider: its receiver and arguments, and the means to call its original code again
 * ({@link #replay}) to produce a new config. Internal.
 *
 * <p>A {@code dev.aiq.api.ConfigOverrides} argument is recognised by name (it may come from the app's own class
 * loader) and receives the live overrides appended; an argument naming the config file may be swapped for another
 * file (dry-run validation of a candidate file).
 */
public final class ProviderCall {

    private static final String OVERRIDES_CLASS = "dev.aiq.api.ConfigOverrides";

    /**
     * What a replay produced.
     *
     * @param value        what the provider returned
     * @param dependencies the files named by the provider calls nested in the replayed one (sub-configs), as absolute
     *                     normalised paths, in call order, without duplicates
     */
    public record Result(Object value, List<Path> dependencies) {
    }

    private final ProviderSlot slot;
    private final Object receiver;
    private final Object[] args;
    private final Method method;

    private ProviderCall(ProviderSlot slot, Object receiver, Object[] args, Method method) {
        this.slot = slot;
        this.receiver = receiver;
        this.args = args.clone();
        this.method = method;
    }

    /** Records a call that the woven code reported. */
    public static ProviderCall of(ProviderSlot slot, Object receiver, Object[] args) throws ReflectiveOperationException {
        return new ProviderCall(slot, receiver, args, resolve(slot));
    }

    /** The provider's reflective method (made accessible). */
    static Method resolve(ProviderSlot slot) throws ReflectiveOperationException {
        ClassLoader loader = slot.loader().get();
        if (loader == null) {
            throw new ClassNotFoundException(slot.className() + " (its class loader is gone)");
        }
        Class<?> owner = Class.forName(slot.className(), false, loader);
        for (Method m : owner.getDeclaredMethods()) {
            if (m.getName().equals(slot.methodName())
                    && net.bytebuddy.jar.asm.Type.getMethodDescriptor(m).equals(slot.descriptor())) {
                m.setAccessible(true);
                return m;
            }
        }
        throw new NoSuchMethodException(slot.displayName() + slot.descriptor());
    }

    /** The slot this call belongs to. */
    public ProviderSlot slot() {
        return slot;
    }

    /**
     * The config file among the arguments: the first {@code Path}, {@code File}, {@code String} or {@code URI}
     * naming an existing regular file; null if there is none.
     */
    public Path configFile() {
        for (Object arg : args) {
            Path p = asPath(arg);
            if (p != null && Files.isRegularFile(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    /** Whether the provider takes a {@code ConfigOverrides} argument, so live overrides can reach it. */
    public boolean takesOverrides() {
        for (Class<?> type : method.getParameterTypes()) {
            if (type.getName().equals(OVERRIDES_CLASS)) {
                return true;
            }
        }
        return false;
    }

    /** The app's own overrides (the recorded {@code ConfigOverrides} argument), in the agent's own type. */
    public ConfigOverrides appOverrides() {
        for (Object arg : args) {
            if (arg != null && arg.getClass().getName().equals(OVERRIDES_CLASS)) {
                return toAgentOverrides(arg);
            }
        }
        return ConfigOverrides.none();
    }

    /**
     * Calls the provider's original code with the recorded arguments.
     *
     * @param file the config file to use instead of the recorded one, or null
     * @param live live overrides to append to the app's own
     * @return what the provider returned, and the files its nested provider calls named
     * @throws Exception what the provider threw
     */
    public Result replay(Path file, ConfigOverrides live) throws Exception {
        Object[] callArgs = args.clone();
        Class<?>[] types = method.getParameterTypes();
        boolean fileSwapped = file == null;
        for (int i = 0; i < callArgs.length; i++) {
            if (!fileSwapped && asPath(callArgs[i]) != null && Files.isRegularFile(asPath(callArgs[i]))) {
                callArgs[i] = sameKind(callArgs[i], types[i], file);
                fileSwapped = true;
            } else if (types[i].getName().equals(OVERRIDES_CLASS) && !live.isEmpty()) {
                callArgs[i] = withLive(callArgs[i], types[i], live);
            }
        }
        List<Object[]> calls;
        DevModeBridge.beginReplay();
        Object value;
        try {
            value = method.invoke(Modifier.isStatic(method.getModifiers()) ? null : receiver, callArgs);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw new IllegalStateException("the provider failed: " + cause, cause);
        } finally {
            calls = DevModeBridge.endReplay();
        }
        // the first call made during the replay is the replayed call itself; the others were nested in it
        return new Result(value, filesOf(calls.size() > 1 ? calls.subList(1, calls.size()) : List.of()));
    }

    /**
     * The files that provider calls name, each {@code [slot, receiver, args]} as the bridge reports them: every
     * argument that names an existing regular file, absolute and normalised, without duplicates.
     */
    public static List<Path> filesOf(List<Object[]> calls) {
        java.util.Set<Path> files = new java.util.LinkedHashSet<>();
        for (Object[] call : calls) {
            for (Object arg : call[2] instanceof Object[] args ? args : new Object[0]) {
                Path p = asPath(arg);
                if (p != null && Files.isRegularFile(p)) {
                    files.add(p.toAbsolutePath().normalize());
                }
            }
        }
        return List.copyOf(files);
    }

    /** The arguments as recorded (a copy). */
    public Object[] args() {
        return args.clone();
    }

    /** The receiver (null for a static provider). */
    public Object receiver() {
        return receiver;
    }

    /** Arguments inferred for a provider the agent did not see being called (attach): or null if it cannot. */
    public static ProviderCall inferred(ProviderSlot slot, Path configFile, ConfigOverrides overrides)
            throws ReflectiveOperationException {
        Method method = resolve(slot);
        if (!Modifier.isStatic(method.getModifiers())) {
            return null;
        }
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        boolean fileUsed = false;
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            if (!fileUsed && configFile != null && (t == Path.class || t == File.class || t == String.class || t == URI.class)) {
                args[i] = sameKind(null, t, configFile);
                fileUsed = true;
            } else if (t.getName().equals(OVERRIDES_CLASS)) {
                args[i] = appTypeOverrides(t, overrides);
            } else {
                return null;
            }
        }
        if (!fileUsed && configFile != null && types.length > 0) {
            return null;
        }
        return new ProviderCall(slot, null, args, method);
    }

    private static Object sameKind(Object original, Class<?> type, Path file) {
        if (type == File.class || original instanceof File) {
            return file.toFile();
        }
        if (type == String.class || original instanceof String) {
            return file.toString();
        }
        if (type == URI.class || original instanceof URI) {
            return file.toUri();
        }
        return file;
    }

    /** The file an argument names: a {@code Path}, {@code File}, file {@code URI} or a {@code String}; else null. */
    public static Path asPath(Object arg) {
        try {
            if (arg instanceof Path p) {
                return p;
            }
            if (arg instanceof File f) {
                return f.toPath();
            }
            if (arg instanceof String s && !s.isBlank() && s.length() < 4096 && !s.contains("\n")) {
                return Path.of(s);
            }
            if (arg instanceof URI u && "file".equals(u.getScheme())) {
                return Path.of(u);
            }
        } catch (RuntimeException notAPath) {
            // not a file name
        }
        return null;
    }

    private static ConfigOverrides toAgentOverrides(Object appOverrides) {
        if (appOverrides instanceof ConfigOverrides same) {
            return same;
        }
        try {
            List<ConfigOverrides.Entry> entries = new ArrayList<>();
            for (Object entry : (List<?>) appOverrides.getClass().getMethod("entries").invoke(appOverrides)) {
                Method path = entry.getClass().getMethod("path");
                Method value = entry.getClass().getMethod("value");
                path.setAccessible(true);
                value.setAccessible(true);
                entries.add(new ConfigOverrides.Entry((String) path.invoke(entry), (String) value.invoke(entry)));
            }
            return ConfigOverrides.of(entries);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return ConfigOverrides.none();
        }
    }

    private static Object withLive(Object appOverrides, Class<?> type, ConfigOverrides live) throws ReflectiveOperationException {
        Object liveInAppType = appTypeOverrides(type, live);
        if (appOverrides == null) {
            return liveInAppType;
        }
        return type.getMethod("followedBy", type).invoke(appOverrides, liveInAppType);
    }

    private static Object appTypeOverrides(Class<?> type, ConfigOverrides overrides) throws ReflectiveOperationException {
        List<String> pairs = new ArrayList<>();
        for (ConfigOverrides.Entry e : overrides) {
            pairs.add(e.path());
            pairs.add(e.value());
        }
        return type.getMethod("ofPairs", List.class).invoke(null, pairs);
    }
}
