package dev.aiq.agent.control;

import dev.aiq.agent.protocol.WireJson;
import dev.aiq.agent.protocol.WireRecords;
import dev.aiq.agent.protocol.ReloadOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The connections of a {@link ControlPlane} that asked to {@code follow}, and the outcomes on their way to them.
 * An outcome arrives on the reload thread ({@link #publish}): it becomes its event line there and waits in an inbox
 * while the serving thread is woken, which hands it to every follower of its config ({@link #deliver}). With nobody
 * following, an outcome costs one volatile read. Internal.
 */
final class Followers {

    /** The line a follower gets when development mode is detached, before its connection closes. */
    static final String DETACHED = "{\"event\":\"detached\"}";

    /** One event line and the config it is about. */
    private record Event(ConfigControl config, String line) {
    }

    /** One following connection; {@code config} null follows every config of the JVM. */
    private record Follower(ControlConnection connection, ConfigControl config) {
        boolean wants(ConfigControl about) {
            return config == null || config == about;
        }
    }

    private final ConcurrentLinkedQueue<Event> inbox = new ConcurrentLinkedQueue<>();
    private final Runnable wakeServingThread;
    /** Owned by the serving thread. */
    private final List<Follower> following = new ArrayList<>();
    private volatile boolean anyone;

    /** {@code wakeServingThread} makes the serving thread call {@link #deliver} soon (the selector's wakeup). */
    Followers(Runnable wakeServingThread) {
        this.wakeServingThread = wakeServingThread;
    }

    /** Any thread: {@code config} had {@code outcome}. */
    void publish(ConfigControl config, ReloadOutcome outcome) {
        if (!anyone) {
            return;
        }
        java.util.Map<String, Object> event = WireJson.object();
        event.put("event", "outcome");
        event.put("config", config.name());
        event.put("outcome", WireRecords.encode(outcome));
        inbox.add(new Event(config, WireJson.write(event)));
        wakeServingThread.run();
    }

    /** Serving thread: {@code connection} follows {@code config} (null: every config) from now on. */
    void add(ControlConnection connection, ConfigControl config) {
        following.add(new Follower(connection, config));
        anyone = true;
    }

    /** Serving thread: hands every waiting event to its followers; forgets closed connections. */
    void deliver() {
        following.removeIf(follower -> !follower.connection().isOpen());
        Event event;
        while ((event = inbox.poll()) != null) {
            for (Follower follower : following) {
                if (follower.wants(event.config())) {
                    follower.connection().push(event.line());
                }
            }
        }
        anyone = !following.isEmpty();
    }

    /** Serving thread, the plane closing: the events still waiting, then {@code detached} when {@code detaching}. */
    void farewell(boolean detaching) {
        deliver();
        anyone = false;
        for (Follower follower : following) {
            if (detaching) {
                follower.connection().push(DETACHED);
            }
        }
        following.clear();
        inbox.clear();
    }
}
