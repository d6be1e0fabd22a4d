package dev.aiq.agent.session;

import dev.aiq.agent.instrument.ProviderCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Who a config is: the provider method (its slot), the receiver of an instance method (by identity) and the call's
 * arguments; an argument naming an existing file is compared as the same real file, every other by {@code equals}.
 * The hot path compares argument objects by {@code equals} only (in the bridge); this is the slow path's comparison,
 * for calls the bridge did not match, and it touches the file system. Internal.
 */
final class ConfigIdentity {

    private final int slot;
    private final Object receiver;
    private final Object[] args;
    /** The real file each argument names, or null where it names none. */
    private final Path[] realFiles;
    /** Inferred at attach from the command line: only its file arguments say who it is. */
    private final boolean inferred;

    private ConfigIdentity(int slot, Object receiver, Object[] args, boolean inferred) {
        this.slot = slot;
        this.receiver = receiver;
        this.args = args.clone();
        this.inferred = inferred;
        this.realFiles = new Path[args.length];
        for (int i = 0; i < args.length; i++) {
            realFiles[i] = realFile(args[i]);
        }
    }

    /** The identity of a call the app made. */
    static ConfigIdentity of(int slot, Object receiver, Object[] args) {
        return new ConfigIdentity(slot, receiver, args == null ? new Object[0] : args, false);
    }

    /**
     * The identity of a call the agent made up at attach from the app's command line: its other arguments
     * ({@code ConfigOverrides} built from {@code --override}) are the agent's guess, so only the files count.
     */
    static ConfigIdentity inferred(int slot, Object[] args) {
        return new ConfigIdentity(slot, null, args, true);
    }

    int slot() {
        return slot;
    }

    /** Whether a call of {@code callSlot} with {@code callReceiver} and {@code callArgs} is this config. */
    boolean matches(int callSlot, Object callReceiver, Object[] callArgs) {
        Object[] given = callArgs == null ? new Object[0] : callArgs;
        if (callSlot != slot || given.length != args.length || !inferred && callReceiver != receiver) {
            return false;
        }
        for (int i = 0; i < args.length; i++) {
            if (realFiles[i] != null) {
                if (!Objects.equals(args[i], given[i]) && !realFiles[i].equals(realFile(given[i]))) {
                    return false;
                }
            } else if (!inferred && !Objects.equals(args[i], given[i])) {
                return false;
            }
        }
        return true;
    }

    /** The real path of the existing regular file {@code arg} names, or null. */
    private static Path realFile(Object arg) {
        Path p = ProviderCall.asPath(arg);
        if (p == null) {
            return null;
        }
        try {
            return Files.isRegularFile(p) ? p.toRealPath() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
