package dev.aiq.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DevModeBridgeTest {

    /** A config whose two halves must always agree: a reader that sees them differ saw a torn swap. */
    record Pair(long left, long right) {
    }

    @AfterEach
    void reset() {
        DevModeBridge.reset();
    }

    @Test
    void readersOnEightThreadsNeverSeeNullOrAMixThroughTenThousandSwaps() throws Exception {
        DevModeBridge.ensureSlots(2);
        DevModeBridge.publish(0, new Pair(0, 0));
        DevModeBridge.publish(1, "other slot");
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> problem = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(8);
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread reader = new Thread(() -> {
                started.countDown();
                long lastSeen = 0;
                while (!done.get()) {
                    Object value = DevModeBridge.current(0);
                    if (!(value instanceof Pair pair)) {
                        problem.compareAndSet(null, "saw " + value);
                        return;
                    }
                    if (pair.left() != pair.right() || pair.left() < lastSeen) {
                        problem.compareAndSet(null, "saw " + pair + " after generation " + lastSeen);
                        return;
                    }
                    lastSeen = pair.left();
                }
            });
            readers.add(reader);
            reader.start();
        }
        started.await();
        for (long generation = 1; generation <= 10_000; generation++) {
            DevModeBridge.publish(0, new Pair(generation, generation));
            DevModeBridge.generation(generation);
        }
        done.set(true);
        for (Thread reader : readers) {
            reader.join();
        }
        assertThat(problem.get()).isNull();
        assertThat(DevModeBridge.current(0)).isEqualTo(new Pair(10_000, 10_000));
        assertThat(DevModeBridge.current(1)).as("other slots are untouched").isEqualTo("other slot");
    }

    @Test
    void theReplayingThreadRunsTheOriginalWhileOthersGetTheLiveValue() throws Exception {
        DevModeBridge.ensureSlots(1);
        DevModeBridge.publish(0, "live");
        DevModeBridge.beginReplay();
        try {
            assertThat(DevModeBridge.current(0)).isNull();
            AtomicReference<Object> seenElsewhere = new AtomicReference<>();
            Thread other = new Thread(() -> seenElsewhere.set(DevModeBridge.current(0)));
            other.start();
            other.join();
            assertThat(seenElsewhere.get()).isEqualTo("live");
        } finally {
            DevModeBridge.endReplay();
        }
        assertThat(DevModeBridge.current(0)).isEqualTo("live");
    }

    @Test
    void aSlotNothingWasPublishedForRunsTheOriginal() {
        assertThat(DevModeBridge.current(5)).isNull();
        DevModeBridge.ensureSlots(6);
        assertThat(DevModeBridge.current(5)).isNull();
    }
}
