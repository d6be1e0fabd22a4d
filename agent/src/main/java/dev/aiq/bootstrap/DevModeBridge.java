package dev.aiq.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The bootstrap bridge: the only aiq-dev class on the bootstrap class path, reachable from code woven into any class
 * loader. Internal: not an API.
 *
 * <p>The agent defines this class in the boot loader before anything else names it, so every class loader that
 * delegates to its parent (every ordinary one) resolves the same class. It holds only {@code java.*} types.
 *
 * <p><b>A config is an outermost call.</b> Each instrumented provider method has a slot; each slot holds the
 * configs of that method as <em>entries</em>: the receiver and the arguments of the call that made the config (plus
 * other forms of the same arguments the agent learned, such as a relative path naming the same file), and the
 * config's live value. A provider call is answered from its slot ({@link #current}) only when an entry has the
 * call's identity: the same receiver (by identity) and equal arguments. Every other call runs the provider's own
 * code ({@link #enter} ... {@link #exit}); when it is the outermost provider call on its thread, the agent is told
 * ({@link #recorder}) and makes it a config of its own. Calls nested in a provider call on the same thread (a loader
 * that calls itself for sub-configs, one loader calling another, and everything the agent's replay calls) always run
 * their own code and are reported as the outer call's dependencies, never answered or recorded.
 *
 * <p>{@link #current} is the hot path of every provider call: two volatile reads and one reference compare per
 * argument, no lock, no allocation; arguments that are equal but new objects take a second, {@code equals} loop. The
 * check for nesting looks at a thread local only while some thread is inside a provider's own code, which after
 * start-up is only during a reload.
 */
public final class DevModeBridge {

    /**
     * The app's reload listeners, each a {@code Consumer} of
     * {@code [previous, current, generation, paths, rollback, configFile, configName]}.
     */
    public static final List<Consumer<Object[]>> LISTENERS = new CopyOnWriteArrayList<>();

    /** The arguments the hot path compares: calls with more are compared as an array (see {@link #currentOf}). */
    public static final int INLINE_ARGS = 4;

    // an entry: [value, key, receiver, a0, a1, a2, a3, args (the whole array, for calls with more arguments)]
    private static final int VALUE = 0;
    private static final int KEY = 1;
    private static final int RECEIVER = 2;
    private static final int FIRST_ARG = 3;
    private static final int ALL_ARGS = FIRST_ARG + INLINE_ARGS;
    private static final int ENTRY_SIZE = ALL_ARGS + 1;

    /** The most nested calls remembered for one outer call (a recursive loader over a generated tree). */
    private static final int NESTED_KEPT = 1_000;

    /** Entries per slot; replaced whole on every change, so one volatile read sees a consistent set. */
    private static volatile Object[][] slots = new Object[0][];

    /** How many threads are inside a provider's own code (or replaying one); the hot path skips nesting at 0. */
    private static final AtomicInteger IN_OWN_CODE = new AtomicInteger();

    /**
     * The provider calls running their own code on this thread, outermost first: {@code [slot, receiver, args,
     * nested calls]} for the outermost, {@code [slot]} for a nested one. Only on the slow path.
     */
    private static final ThreadLocal<ArrayList<Object[]>> CALLS = new ThreadLocal<>();

    /** Marks a replay's frame (the agent calling a provider again) at the bottom of a thread's calls. */
    private static final Object REPLAY = new Object();

    /**
     * Receives every outermost call that ran its own code and returned:
     * {@code [slot (Integer), receiver, args (Object[]), result, nested calls (List of [slot, receiver, args])]}.
     */
    private static volatile Consumer<Object[]> recorder;

    /**
     * Asked about an outermost call that no entry matched: {@code [slot, receiver, args]} to the live value of the
     * config it is (its arguments name the same file in another form) or null. The agent's slow path.
     */
    private static volatile Function<Object[], Object> resolver;

    /**
     * Opens a plugins location for agent-api's {@code Plugins.load}: {@code [location, service, parent loader, current
     * components or null, their loader or null]} to a {@code Supplier} of the live components, a {@code String}
     * saying why the first set could not be built, or null (no agent).
     */
    private static volatile Function<Object[], Object> pluginOpener;

    private static volatile long generation;
    private static volatile boolean active;

    /** The last generation of each config this JVM had, by name; kept across detach so a re-attach counts on. */
    private static final java.util.Map<String, Long> LAST_GENERATIONS = new java.util.HashMap<>();

    private DevModeBridge() {
    }

    // ---- called by woven provider code ------------------------------------------------------------------------

    /**
     * The hot path: the live value of the config this call is, or null when the provider must run its own code (no
     * config has this identity, or the call is nested in a provider call on this thread). Arguments past the
     * method's own are null.
     */
    public static Object current(int slot, Object receiver, Object a0, Object a1, Object a2, Object a3) {
        Object[][] all = slots;
        if (slot < all.length) {
            Object[] entries = all[slot];
            if (entries != null && IN_OWN_CODE.get() == 0) {
                // the app passing the very objects it passed before: compares of references only, small enough to
                // be inlined into the app's call site
                for (Object e : entries) {
                    Object[] entry = (Object[]) e;
                    if (entry[RECEIVER] == receiver && entry[FIRST_ARG] == a0 && entry[FIRST_ARG + 1] == a1
                            && entry[FIRST_ARG + 2] == a2 && entry[FIRST_ARG + 3] == a3) {
                        return entry[VALUE];
                    }
                }
            }
            if (entries != null) {
                return currentByEquals(entries, receiver, a0, a1, a2, a3);
            }
        }
        return null;
    }

    /**
     * The hot path's second part: equal (new) argument objects, or a thread inside a provider call (nested calls
     * run their own code).
     */
    private static Object currentByEquals(Object[] entries, Object receiver, Object a0, Object a1, Object a2, Object a3) {
        try {
            if (IN_OWN_CODE.get() != 0 && inProviderCall()) {
                return null;
            }
            for (Object e : entries) {
                Object[] entry = (Object[]) e;
                if (entry[RECEIVER] == receiver && same(entry[FIRST_ARG], a0) && same(entry[FIRST_ARG + 1], a1)
                        && same(entry[FIRST_ARG + 2], a2) && same(entry[FIRST_ARG + 3], a3)) {
                    return entry[VALUE];
                }
            }
            return null;
        } catch (Throwable equalsFailed) {
            // an argument's equals threw: the call runs its own code, as it would without the agent
            return null;
        }
    }

    /** The hot path for methods with more than {@link #INLINE_ARGS} parameters. */
    public static Object currentOf(int slot, Object receiver, Object[] args) {
        try {
            Object[][] all = slots;
            if (slot >= all.length) {
                return null;
            }
            Object[] entries = all[slot];
            if (entries == null || IN_OWN_CODE.get() != 0 && inProviderCall()) {
                return null;
            }
            for (Object e : entries) {
                Object[] entry = (Object[]) e;
                if (entry[RECEIVER] == receiver && sameArgs((Object[]) entry[ALL_ARGS], args)) {
                    return entry[VALUE];
                }
            }
            return null;
        } catch (Throwable equalsFailed) {
            return null;
        }
    }

    /**
     * A provider call that no entry answered is about to run its own code (slow path). Returns the live value when
     * the agent knows the call as one of its configs after all (the same file named another way); otherwise
     * remembers the call and returns null, and the method runs its body.
     */
    public static Object enter(int slot, Object receiver, Object[] args) {
        try {
            ArrayList<Object[]> calls = CALLS.get();
            if (calls == null) {
                calls = new ArrayList<>(4);
                CALLS.set(calls);
            }
            if (calls.isEmpty()) {
                Function<Object[], Object> r = resolver;
                if (r != null) {
                    Object live = r.apply(new Object[] {slot, receiver, args});
                    if (live != null) {
                        return live;
                    }
                }
                IN_OWN_CODE.incrementAndGet();
                calls.add(new Object[] {slot, receiver, args, new ArrayList<Object[]>()});
            } else {
                @SuppressWarnings("unchecked")
                List<Object[]> nested = (List<Object[]>) calls.get(0)[3];
                if (nested.size() < NESTED_KEPT) {
                    nested.add(new Object[] {slot, receiver, args});
                }
                calls.add(new Object[] {slot});
            }
        } catch (Throwable ignored) {
            // never disturb the app's own call
        }
        return null;
    }

    /** A provider call that ran its own code returns {@code result}; the outermost one goes to the agent. */
    public static void exit(Object result, int slot) {
        try {
            Object[] outermost = pop();
            Consumer<Object[]> r = recorder;
            if (outermost != null && outermost[0] != REPLAY && r != null) {
                r.accept(new Object[] {outermost[0], outermost[1], outermost[2], result, outermost[3]});
            }
        } catch (Throwable ignored) {
            // the agent reports its own failures; the app's call returns its result regardless
        }
    }

    /** A provider call that ran its own code threw: nothing is recorded. */
    public static void abort(int slot) {
        try {
            pop();
        } catch (Throwable ignored) {
            // the app's exception goes on regardless
        }
    }

    /** Removes this thread's innermost call; returns it when it was the outermost (then the thread is out). */
    private static Object[] pop() {
        ArrayList<Object[]> calls = CALLS.get();
        if (calls == null || calls.isEmpty()) {
            return null;   // a call that began before its class was woven
        }
        Object[] frame = calls.remove(calls.size() - 1);
        if (!calls.isEmpty()) {
            return null;
        }
        IN_OWN_CODE.decrementAndGet();
        return frame;
    }

    private static boolean inProviderCall() {
        ArrayList<Object[]> calls = CALLS.get();
        return calls != null && !calls.isEmpty();
    }

    private static boolean same(Object known, Object given) {
        return known == given || known != null && known.equals(given);
    }

    private static boolean sameArgs(Object[] known, Object[] given) {
        if (known == null || given == null || known.length != given.length) {
            return false;
        }
        for (int i = 0; i < known.length; i++) {
            if (!same(known[i], given[i])) {
                return false;
            }
        }
        return true;
    }

    // ---- called by the agent ------------------------------------------------------------------------------------

    /** Installs the agent's recorder of outermost calls (null to stop recording). */
    public static void recorder(Consumer<Object[]> newRecorder) {
        recorder = newRecorder;
    }

    /** Installs the agent's resolver of calls that no entry matched (null: none). */
    public static void resolver(Function<Object[], Object> newResolver) {
        resolver = newResolver;
    }

    /** Installs the agent's opener of plugins locations (null: none; {@code Plugins.load} then loads once). */
    public static void pluginOpener(Function<Object[], Object> opener) {
        pluginOpener = opener;
    }

    /** Called by agent-api's {@code Plugins}: see {@link #pluginOpener}. Returns null without the agent. */
    public static Object openPlugins(Object[] request) {
        Function<Object[], Object> opener = pluginOpener;
        return opener == null ? null : opener.apply(request);
    }

    /** Makes sure slots {@code 0..count-1} exist. */
    public static synchronized void ensureSlots(int count) {
        if (slots.length < count) {
            Object[][] grown = new Object[count][];
            System.arraycopy(slots, 0, grown, 0, slots.length);
            slots = grown;
        }
    }

    /**
     * Adds a form of the arguments by which calls of {@code slot} are config {@code key}; the entry answers with the
     * config's live value once there is one.
     */
    public static synchronized void bind(int slot, Object key, Object receiver, Object[] args) {
        ensureSlots(slot + 1);
        Object[] entry = new Object[ENTRY_SIZE];
        entry[KEY] = key;
        entry[RECEIVER] = receiver;
        Object[] copy = args == null ? new Object[0] : args.clone();
        if (copy.length <= INLINE_ARGS) {
            System.arraycopy(copy, 0, entry, FIRST_ARG, copy.length);
        }
        entry[ALL_ARGS] = copy;
        Object[] entries = slots[slot];
        for (Object e : entries == null ? new Object[0] : entries) {
            if (((Object[]) e)[KEY] == key) {
                entry[VALUE] = ((Object[]) e)[VALUE];
                break;
            }
        }
        Object[] grown = entries == null ? new Object[1] : java.util.Arrays.copyOf(entries, entries.length + 1);
        grown[grown.length - 1] = entry;
        replace(slot, grown);
    }

    /** Publishes {@code value} as the live value of config {@code key} of {@code slot} (null: its calls run the provider again). */
    public static synchronized void publish(int slot, Object key, Object value) {
        Object[] entries = slot < slots.length ? slots[slot] : null;
        if (entries == null) {
            return;
        }
        Object[] next = new Object[entries.length];
        for (int i = 0; i < entries.length; i++) {
            Object[] entry = (Object[]) entries[i];
            if (entry[KEY] == key) {
                entry = entry.clone();
                entry[VALUE] = value;
            }
            next[i] = entry;
        }
        replace(slot, next);
    }

    /** Forgets config {@code key} of {@code slot}: its calls run the provider's own code again. */
    public static synchronized void unbind(int slot, Object key) {
        Object[] entries = slot < slots.length ? slots[slot] : null;
        if (entries == null) {
            return;
        }
        List<Object> kept = new ArrayList<>();
        for (Object e : entries) {
            if (((Object[]) e)[KEY] != key) {
                kept.add(e);
            }
        }
        replace(slot, kept.isEmpty() ? null : kept.toArray());
    }

    /** How many argument forms config {@code key} of {@code slot} has. */
    public static int forms(int slot, Object key) {
        Object[][] all = slots;
        int count = 0;
        if (slot < all.length && all[slot] != null) {
            for (Object e : all[slot]) {
                if (((Object[]) e)[KEY] == key) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Returns the live value of config {@code key} of {@code slot} as the agent sees it, or null. */
    public static Object published(int slot, Object key) {
        Object[][] all = slots;
        if (slot < all.length && all[slot] != null) {
            for (Object e : all[slot]) {
                Object[] entry = (Object[]) e;
                if (entry[KEY] == key) {
                    return entry[VALUE];
                }
            }
        }
        return null;
    }

    private static void replace(int slot, Object[] entries) {
        Object[][] next = slots.clone();
        next[slot] = entries;
        slots = next;
    }

    /** Clears every slot, the recorder, the resolver and the state: used by {@code detach}. */
    public static synchronized void reset() {
        recorder = null;
        resolver = null;
        pluginOpener = null;
        slots = new Object[0][];
        active = false;
    }

    /**
     * Marks the calling thread as replaying provider code: until {@link #endReplay()}, every provider call on it runs
     * its original code, and the calls are collected as the replay's dependencies.
     */
    public static void beginReplay() {
        ArrayList<Object[]> calls = CALLS.get();
        if (calls == null) {
            calls = new ArrayList<>(4);
            CALLS.set(calls);
        }
        if (calls.isEmpty()) {
            IN_OWN_CODE.incrementAndGet();
        }
        calls.add(new Object[] {REPLAY, null, null, new ArrayList<Object[]>()});
    }

    /**
     * Ends {@link #beginReplay()}.
     *
     * @return the provider calls made during the replay, the replayed call itself first, as {@code [slot, receiver,
     *         args]}
     */
    @SuppressWarnings("unchecked")
    public static List<Object[]> endReplay() {
        ArrayList<Object[]> calls = CALLS.get();
        if (calls == null || calls.isEmpty()) {
            return List.of();
        }
        int at = calls.size() - 1;
        while (at >= 0 && calls.get(at)[0] != REPLAY) {
            at--;   // frames an exception left above the replay's (a call woven while it ran) go with it
        }
        if (at < 0) {
            return List.of();
        }
        Object[] frame = calls.get(at);
        while (calls.size() > at) {
            calls.remove(calls.size() - 1);
        }
        if (calls.isEmpty()) {
            IN_OWN_CODE.decrementAndGet();
        }
        return (List<Object[]>) frame[3];
    }

    /** Returns the last generation config {@code name} had in this JVM, or 0. */
    public static synchronized long lastGeneration(String name) {
        Long last = LAST_GENERATIONS.get(name);
        return last == null ? 0 : last;
    }

    /** Remembers that config {@code name} reached {@code newGeneration}. */
    public static synchronized void lastGeneration(String name, long newGeneration) {
        Long last = LAST_GENERATIONS.get(name);
        if (last == null || last < newGeneration) {
            LAST_GENERATIONS.put(name, newGeneration);
        }
    }

    /** Sets the generation of the app's first config. */
    public static void generation(long newGeneration) {
        generation = newGeneration;
    }

    /** Returns the generation of the app's first config (0 before there is one). */
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
