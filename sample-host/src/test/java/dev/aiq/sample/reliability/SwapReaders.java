package dev.aiq.sample.reliability;

import dev.aiq.api.DevMode;
import dev.aiq.sample.reliability.TinyHost.TinyConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Internal. The readers check, run inside the {@link TinyHost} under the agent: reader threads call the instrumented
 * provider without pause while the agent swaps the config again and again.
 *
 * <p>The swaps are real reloads by the agent's engine: this thread writes {@code a: g} and {@code b: g} for the next
 * generation {@code g} (temp file + atomic rename) and asks the agent's MXBean ({@code dev.aiq:type=DevMode}) to
 * reload, which reads the file, replays the provider on the agent's reload thread, publishes the result in the
 * bootstrap bridge and runs the listeners. Driving the reloads in process, instead of through file events, lets
 * 10,000 swaps take seconds rather than minutes; the host runs with {@code events=false,poll=0} so that no watcher
 * reload races the driver.
 *
 * <p>Every read must be a config (never null) whose {@code a} equals its {@code b} (never a mix of two generations),
 * never older than the reader's previous read, and between the generation read just before it and one more than the
 * generation read just after it (the agent publishes the value, then the generation). Every listener call must see
 * {@code a} equal to its generation and the provider already returning that config. The provider's own code must
 * run only on {@code main} (the first call) and on the agent's reload thread.
 */
final class SwapReaders {

    private static final int BATCH = 256;
    private static final int FAILURES_KEPT = 10;

    private final Path file;
    private final int readerCount;
    private final int swaps;
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final LongAdder reads = new LongAdder();
    private volatile boolean reading = true;

    SwapReaders(Path file, int readerCount, int swaps) {
        this.file = file;
        this.readerCount = readerCount;
        this.swaps = swaps;
    }

    /** Runs the check, prints {@code READERS ok ...} or {@code READERS FAILED ...} lines, and tells whether it passed. */
    boolean run() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName devMode = new ObjectName("dev.aiq:type=DevMode");
        awaitRegistered(server, devMode);
        DevMode.onReload(TinyConfig.class, event -> {
            TinyConfig applied = event.current();
            TinyConfig served = TinyHost.load(file);
            if (applied.a() != event.generation() || served != applied) {
                fail("listener of generation " + event.generation() + " got a=" + applied.a()
                        + " while the provider returned a=" + served.a());
            }
        });
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < readerCount; i++) {
            Thread reader = new Thread(this::read, "reader-" + i);
            reader.start();
            readers.add(reader);
        }
        String lastResult = "";
        for (long generation = 2; generation <= swaps + 1 && failures.isEmpty(); generation++) {
            write(generation);
            lastResult = String.valueOf(server.invoke(devMode, "reload", null, null));
            if (DevMode.generation() != generation) {
                fail("the reload to generation " + generation + " left generation " + DevMode.generation() + ": "
                        + lastResult);
            }
        }
        reading = false;
        for (Thread reader : readers) {
            reader.join(TimeUnit.MINUTES.toMillis(1));
        }
        if (TinyHost.originalRanOutside(List.of("main", "aiq-dev-reload"))) {
            fail("the provider's own code ran outside main and the reload thread: " + TinyHost.originalRuns());
        }
        String summary = readerCount + " readers, " + (DevMode.generation() - 1) + " swaps, " + reads.sum()
                + " reads, generation " + DevMode.generation() + ", provider code ran on " + TinyHost.originalRuns();
        if (failures.isEmpty()) {
            System.out.println("READERS ok: " + summary);
            return true;
        }
        System.out.println("READERS FAILED: " + summary);
        failures.forEach(failure -> System.out.println("READERS FAILED: " + failure));
        return false;
    }

    private void read() {
        long last = 0;
        while (reading) {
            for (int i = 0; i < BATCH; i++) {
                long before = DevMode.generation();
                TinyConfig config;
                try {
                    config = TinyHost.load(file);
                } catch (IOException e) {
                    fail(Thread.currentThread().getName() + " ran the provider's own code: " + e);
                    return;
                }
                long after = DevMode.generation();
                if (config == null) {
                    fail(Thread.currentThread().getName() + " read null between generations " + before + " and " + after);
                } else if (config.a() != config.b()) {
                    fail(Thread.currentThread().getName() + " read a mix: a=" + config.a() + " b=" + config.b());
                } else if (config.a() < last) {
                    fail(Thread.currentThread().getName() + " went back from a=" + last + " to a=" + config.a());
                } else if (config.a() < before || config.a() > after + 1) {
                    fail(Thread.currentThread().getName() + " read a=" + config.a() + " between generations " + before
                            + " and " + after);
                } else {
                    last = config.a();
                }
            }
            reads.add(BATCH);
            // leave the two cores to the agent's reload thread between batches: the swaps are the scenario too
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    // not the test kit's ConfigEditor: this runs inside the tiny host, whose class path holds only its own libraries
    private void write(long generation) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, "greeting: readers\na: " + generation + "\nb: " + generation + "\n");
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private void fail(String failure) {
        if (failures.size() < FAILURES_KEPT) {
            failures.add(failure);
        }
    }

    private static void awaitRegistered(MBeanServer server, ObjectName name) throws JMException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!server.isRegistered(name)) {
            if (System.nanoTime() > deadline) {
                throw new JMException(name + " was not registered within a minute: is the agent running?");
            }
            // the agent registers its MXBean on its own thread once the provider's first call is recorded
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
