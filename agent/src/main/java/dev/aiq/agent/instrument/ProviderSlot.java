package dev.aiq.agent.instrument;

import java.lang.ref.WeakReference;

/**
 * One instrumented provider method and its slot in the bootstrap bridge. Internal.
 *
 * @param slot       index into the bridge's live values
 * @param className  binary class name, {@code com.acme.ConfigLoader}
 * @param methodName the method's name
 * @param descriptor the method's JVM descriptor
 * @param isStatic   whether the method is static
 * @param loader     the class loader that defined the class (weak: the agent must not keep an app alive)
 */
public record ProviderSlot(int slot, String className, String methodName, String descriptor, boolean isStatic,
                           WeakReference<ClassLoader> loader) {

    /** Returns {@code com.acme.ConfigLoader#load}. */
    public String displayName() {
        return className + "#" + methodName;
    }
}
