package dev.aiq.agent.instrument;

import dev.aiq.agent.options.ProviderSpec;
import java.lang.instrument.ClassFileTransformer;
import java.lang.ref.WeakReference;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The class-file transformer: picks provider classes cheaply (a name comparison, or a look through the class's
 * constant pool for the {@code @ConfigProvider} descriptor) and weaves them. Resettable: {@link #disable()} makes
 * later retransformations return the original bytes. Never throws into the JVM. Internal.
 *
 * <p>It runs for every class the host loads, during the host's start-up: the code on the way to a weave uses no
 * lambdas and no string concatenation, whose first use costs tens of milliseconds of bootstrapping (PITFALLS).
 */
final class ProviderTransformer implements ClassFileTransformer {

    private final List<ProviderSpec> specs = new CopyOnWriteArrayList<>();
    /** Every slot handed out, in slot order; appended under its own lock. */
    private final List<ProviderSlot> slots = new CopyOnWriteArrayList<>();
    private final Consumer<String> problems;
    /** The {@link KnownLoaders} to hook; empty when turned off ({@code known_loaders=false}). */
    private final List<KnownLoaders.KnownLoader> knownLoaders;
    private volatile boolean enabled = true;

    ProviderTransformer(List<ProviderSpec> specs, List<KnownLoaders.KnownLoader> knownLoaders, Consumer<String> problems) {
        this.specs.addAll(specs);
        this.knownLoaders = List.copyOf(knownLoaders);
        this.problems = problems;
    }

    void addSpecs(List<ProviderSpec> more) {
        for (ProviderSpec spec : more) {
            if (!specs.contains(spec)) {
                specs.add(spec);
            }
        }
    }

    List<ProviderSpec> specs() {
        return List.copyOf(specs);
    }

    List<ProviderSlot> slots() {
        return List.copyOf(slots);
    }

    ProviderSlot slot(int index) {
        for (ProviderSlot s : slots) {
            if (s.slot() == index) {
                return s;
            }
        }
        return null;
    }

    void disable() {
        enabled = false;
    }

    /** Tells whether a class with this internal name could hold a provider, by name alone. */
    boolean namedBySpec(String internalName) {
        for (ProviderSpec spec : specs) {
            if (spec.internalClassName().equals(internalName)) {
                return true;
            }
        }
        return knownLoaderIn(internalName) != null;
    }

    /**
     * The known loader this class declares, if known loaders apply: they are on, no {@code provider=} was given, and
     * no {@code @ConfigProvider} of the app's own has been instrumented (the app's wrapper wins; a known loader it
     * calls is then a nested call).
     */
    private KnownLoaders.KnownLoader knownLoaderIn(String internalName) {
        if (knownLoaders.isEmpty() || !specs.isEmpty()) {
            return null;
        }
        KnownLoaders.KnownLoader loader = KnownLoaders.declaredBy(knownLoaders, internalName);
        if (loader == null) {
            return null;
        }
        for (ProviderSlot slot : slots) {
            if (KnownLoaders.of(knownLoaders, slot) == null) {
                return null;
            }
        }
        return loader;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
        if (!enabled || loader == null || className == null || skipped(className)) {
            return null;
        }
        try {
            List<String> names = new ArrayList<>();
            for (ProviderSpec spec : specs) {
                if (spec.internalClassName().equals(className)) {
                    names.add(spec.methodName());
                }
            }
            KnownLoaders.KnownLoader known = names.isEmpty() ? knownLoaderIn(className) : null;
            if (known != null) {
                names.add(known.methodName());
            }
            if (names.isEmpty() && !ClassBytes.mayDeclareProvider(bytes)) {
                return null;
            }
            List<ProviderWeaver.Target> targets = ProviderWeaver.targets(bytes, names);
            if (known != null) {
                targets = onlyDescriptor(targets, known.descriptor());
            }
            if (targets.isEmpty()) {
                if (!names.isEmpty()) {
                    problems.accept("aiq-dev: " + className.replace('/', '.') + " has no method " + names
                            + " that returns a value; nothing instrumented");
                }
                return null;
            }
            String binaryName = className.replace('/', '.');
            int[] slotIndexes = new int[targets.size()];
            for (int i = 0; i < slotIndexes.length; i++) {
                slotIndexes[i] = slotFor(loader, binaryName, targets.get(i)).slot();
            }
            return ProviderWeaver.weave(bytes, targets, slotIndexes);
        } catch (Throwable t) {
            problems.accept("aiq-dev: could not instrument " + className.replace('/', '.') + ": " + t);
            return null;
        }
    }

    private static List<ProviderWeaver.Target> onlyDescriptor(List<ProviderWeaver.Target> targets, String descriptor) {
        List<ProviderWeaver.Target> kept = new ArrayList<>();
        for (ProviderWeaver.Target target : targets) {
            if (target.descriptor().equals(descriptor)) {
                kept.add(target);
            }
        }
        return kept;
    }

    /** The slot of this method of this class in this loader: the one it had before (retransformation), or a new one. */
    private ProviderSlot slotFor(ClassLoader loader, String className, ProviderWeaver.Target target) {
        synchronized (slots) {
            for (ProviderSlot slot : slots) {
                if (slot.loader().get() == loader && slot.className().equals(className)
                        && slot.methodName().equals(target.name()) && slot.descriptor().equals(target.descriptor())) {
                    return slot;
                }
            }
            ProviderSlot slot = new ProviderSlot(slots.size(), className, target.name(), target.descriptor(),
                    target.isStatic(), new WeakReference<>(loader));
            dev.aiq.bootstrap.DevModeBridge.ensureSlots(slot.slot() + 1);
            slots.add(slot);
            return slot;
        }
    }

    static boolean skipped(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("jdk/") || internalName.startsWith("sun/")
                || internalName.startsWith("com/sun/") || internalName.startsWith("dev/aiq/agent/")
                || internalName.startsWith("dev/aiq/bootstrap/") || internalName.startsWith("dev/aiq/api/");
    }
}
