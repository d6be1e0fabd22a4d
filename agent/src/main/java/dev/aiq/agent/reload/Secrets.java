package dev.aiq.agent.reload;

import dev.aiq.agent.mask.Masking;

/**
 * Decides which paths look secret and masks their values, everywhere the agent shows a value: the reload stage's
 * view of {@link Masking}, which holds the rule. Internal.
 */
public final class Secrets {

    /** What a masked value shows. */
    public static final String MASK = Masking.MASK;

    private Secrets() {
    }

    /** Tells whether a dotted path runs through a key that looks like it holds a secret, at any depth. */
    public static boolean isSecret(String path) {
        return Masking.isSecretPath(path);
    }

    /** Renders {@code value} for display, masked where {@code path} or anything inside the value looks secret. */
    public static String render(String path, Object value) {
        return Masking.render(path, value);
    }
}
