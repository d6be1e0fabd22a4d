package dev.aiq.bootstrap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The bootstrap bridge: the only aiq-dev class on the bootstrap class path, reachable from code woven into any class
 * loader. Internal: not an API.
 *
 * <p>The agent defines this class in the boot loader before anything else names it, so every class loader that
 * delegates to its parent (every ordinary one) resolves the same class. It holds only {@code java.*} types: the live
 * value of each instrumented provider (one slot each), the generation, and the app's reload listeners as
 * {@code Consumer}s registered by {@code dev.aiq.api.DevMode}.
 *
 * <p>{@link #current(int)} is the hot path of every provider call: one volatile read, no lock, no allocation.
 */
public final class DevModeBridge {

    /** The app's reload listeners, each a {@code Consumer} of {@code [previous, current, generation, paths, rollback]}. */
    public static final List<Consumer<Object[]>> LISTENERS = new CopyOnWriteArrayList<>();

    /** Live value per provider slot; replaced whole on every write, so one volatile read sees a consistent array. */
    private static volatile Object[] values = new Object[0];

    /**
     * The thread that is replaying a provider's original code. Plain on purpose: only that thread writes it and
     * compares against itself, and no other thread can mistake a stale value for itself.
     */
    private static Thread replayer;

    /** Receives first calls: {@code [slot (Integer), receiver, args (Object[]), result]}. Set by the agent. */
    private static volatile Consumer<Object[]> recorder;

    private static volatile long generation;
    private static volatile boolean active;

    /** Arguments of provider calls in progress on this thread, by slot; only on the slow path. */
    private static final ThreadLocal<Map<Integer, Object[]>> CALLS = ThreadLocal.withInitial(HashMap::new);

    private DevModeBridge() {
    }

    // ---- called by woven provider code ------------------------------------------------------------------------

    /**
     * Returns the live value of provider {@code slot}, or null when the provider must run its own code (nothing
     * recorded yet, or this thread is replaying it).
     */
    public static Object current(int slot) {
        Object[] live = values;
        if (slot < live.length) {
            Object value = live[slot];
            if (value != null && Thread.currentThread() != replayer) {
                return value;
            }
        }
        return null;
    }

    /** Remembers the arguments of a provider call that runs its own code (slow path). */
    public static void enter(int slot, Object receiver, Object[] args) {
        try {
            if (Thread.currentThread() != replayer && recorder != null) {
                CALLS.get().put(slot, new Object[] {receiver, args});
            }
        } catch (Throwable ignored) {
            // never disturb the app's own call
        }
    }

    /** Hands the result of a provider call that ran its own code to the agent (slow path). */
    public static void exit(Object result, int slot) {
        try {
            if (Thread.currentThread() == replayer) {
                return;
            }
            Object[] call = CALLS.get().remove(slot);
            Consumer<Object[]> r = recorder;
            if (call != null && r != null) {
                r.accept(new Object[] {slot, call[0], call[1], result});
            }
        } catch (Throwable ignored) {
            // the agent reports its own failures; the app's call returns its result regardless
        }
    }

    // ---- called by the agent ------------------------------------------------------------------------------------

    /** Installs the agent's recorder of first calls (null to stop recording). */
    public static void recorder(Consumer<Object[]> newRecorder) {
        recorder = newRecorder;
    }

    /** Makes sure slots {@code 0..count-1} exist. */
    public static synchronized void ensureSlots(int count) {
        if (values.length < count) {
            Object[] grown = new Object[count];
            System.arraycopy(values, 0, grown, 0, values.length);
            values = grown;
        }
    }

    /** Publishes {@code value} as the live value of {@code slot} (null: calls run the provider's own code again). */
    public static synchronized void publish(int slot, Object value) {
        Object[] next = values.clone();
        if (slot >= next.length) {
            next = java.util.Arrays.copyOf(next, slot + 1);
        }
        next[slot] = value;
        values = next;
    }

    /** Returns the live value of {@code slot} as the agent sees it, ignoring replay. */
    public static Object published(int slot) {
        Object[] live = values;
        return slot < live.length ? live[slot] : null;
    }

    /** Clears every slot, the recorder and the state: used by {@code detach}. */
    public static synchronized void reset() {
        recorder = null;
        values = new Object[0];
        active = false;
    }

    /** Marks the calling thread as replaying provider code: its provider calls run their original code. */
    public static void beginReplay() {
        replayer = Thread.currentThread();
    }

    /** Ends {@link #beginReplay()}. */
    public static void endReplay() {
        replayer = null;
    }

    /** Sets the generation of the live config. */
    public static void generation(long newGeneration) {
        generation = newGeneration;
    }

    /** Returns the generation of the live config (0 before the first). */
    public static long generation() {
        return generation;
    }

    /** Marks development mode on or off. */
    public static void active(boolean isActive) {
        active = isActive;
    }

    /** Tells whether development mode is on. */
    public static boolean isActive() {
        return active;
    }
}
