package dev.aiq.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DevModeBridgeTest {

    /** A config whose two halves must always agree: a reader that sees them differ saw a torn swap. */
    record Pair(String file, long left, long right) {
    }

    private static final Object ROOT = new Object();
    private static final Object TOOLS = new Object();
    private static final Path ROOT_FILE = Path.of("/app/root.yml");
    private static final Path TOOLS_FILE = Path.of("/app/tools.yml");

    private final List<Object[]> recorded = new ArrayList<>();

    @BeforeEach
    void bindTwoConfigsOfOneProvider() {
        DevModeBridge.reset();
        DevModeBridge.bind(0, ROOT, null, new Object[] {ROOT_FILE});
        DevModeBridge.bind(0, TOOLS, null, new Object[] {TOOLS_FILE});
        DevModeBridge.publish(0, ROOT, new Pair("root", 0, 0));
        DevModeBridge.publish(0, TOOLS, new Pair("tools", 0, 0));
        DevModeBridge.recorder(recorded::add);
    }

    @AfterEach
    void reset() {
        DevModeBridge.reset();
    }

    @Test
    void aCallIsAnsweredOnlyByTheConfigWithItsIdentity() {
        assertThat(call(Path.of("/app/root.yml"))).isEqualTo(new Pair("root", 0, 0));
        assertThat(call(Path.of("/app/tools.yml"))).as("a new, equal Path").isEqualTo(new Pair("tools", 0, 0));
        assertThat(call(Path.of("/app/other.yml"))).as("no config has this identity").isNull();
        assertThat(call("/app/root.yml")).as("a String is not equal to a Path: the slow path decides").isNull();
        assertThat(DevModeBridge.current(1, null, ROOT_FILE, null, null, null)).as("another provider").isNull();
        Object receiver = new Object();
        assertThat(DevModeBridge.current(0, receiver, ROOT_FILE, null, null, null)).as("another receiver").isNull();
    }

    @Test
    void anotherFormOfTheArgumentsAnswersOnceBound() {
        DevModeBridge.bind(0, ROOT, null, new Object[] {"root.yml"});
        assertThat(call("root.yml")).isEqualTo(new Pair("root", 0, 0));
        DevModeBridge.publish(0, ROOT, new Pair("root", 1, 1));
        assertThat(call("root.yml")).as("every form follows the config").isEqualTo(new Pair("root", 1, 1));
        assertThat(call(ROOT_FILE)).isEqualTo(new Pair("root", 1, 1));
        assertThat(DevModeBridge.forms(0, ROOT)).isEqualTo(2);
    }

    @Test
    void callsNestedInAProviderCallRunTheirOwnCodeAndBelongToTheOutermost() {
        assertThat(DevModeBridge.enter(0, null, new Object[] {Path.of("/app/agent.yml")})).isNull();
        assertThat(call(ROOT_FILE)).as("nested: runs its own code even though a config has its identity").isNull();
        assertThat(DevModeBridge.enter(0, null, new Object[] {ROOT_FILE})).isNull();
        DevModeBridge.exit("nested result", 0);
        assertThat(recorded).as("a nested call is never recorded").isEmpty();
        DevModeBridge.exit("outer result", 0);

        assertThat(recorded).hasSize(1);
        Object[] outer = recorded.get(0);
        assertThat((Object[]) outer[2]).containsExactly(Path.of("/app/agent.yml"));
        assertThat(outer[3]).isEqualTo("outer result");
        @SuppressWarnings("unchecked")
        List<Object[]> nested = (List<Object[]>) outer[4];
        assertThat(nested).hasSize(1);
        assertThat((Object[]) nested.get(0)[2]).containsExactly(ROOT_FILE);
        assertThat(call(ROOT_FILE)).as("outside any provider call again").isEqualTo(new Pair("root", 0, 0));
    }

    @Test
    void otherThreadsGetTheLiveValueWhileOneIsInsideAProviderCall() throws Exception {
        DevModeBridge.enter(0, null, new Object[] {Path.of("/app/agent.yml")});
        try {
            AtomicReference<Object> seenElsewhere = new AtomicReference<>();
            Thread other = new Thread(() -> seenElsewhere.set(call(ROOT_FILE)));
            other.start();
            other.join();
            assertThat(seenElsewhere.get()).isEqualTo(new Pair("root", 0, 0));
        } finally {
            DevModeBridge.abort(0);
        }
        assertThat(recorded).as("a call that threw is not recorded").isEmpty();
    }

    @Test
    void theReplayingThreadRunsTheOriginalAndCollectsItsCalls() throws Exception {
        DevModeBridge.beginReplay();
        List<Object[]> calls;
        try {
            assertThat(call(ROOT_FILE)).isNull();
            assertThat(DevModeBridge.enter(0, null, new Object[] {ROOT_FILE})).isNull();
            assertThat(DevModeBridge.enter(0, null, new Object[] {TOOLS_FILE})).isNull();
            DevModeBridge.exit("tools", 0);
            DevModeBridge.exit("root", 0);
            AtomicReference<Object> seenElsewhere = new AtomicReference<>();
            Thread other = new Thread(() -> seenElsewhere.set(call(ROOT_FILE)));
            other.start();
            other.join();
            assertThat(seenElsewhere.get()).isEqualTo(new Pair("root", 0, 0));
        } finally {
            calls = DevModeBridge.endReplay();
        }
        assertThat(recorded).as("a replay is not the app's call").isEmpty();
        assertThat(calls).extracting(c -> ((Object[]) c[2])[0]).containsExactly(ROOT_FILE, TOOLS_FILE);
        assertThat(call(ROOT_FILE)).isEqualTo(new Pair("root", 0, 0));
    }

    @Test
    void aResolverAnswersOutermostCallsTheHotPathMissed() {
        DevModeBridge.resolver(call -> "/app/./root.yml".equals(((Object[]) call[2])[0]) ? "resolved" : null);
        assertThat(DevModeBridge.enter(0, null, new Object[] {"/app/./root.yml"})).isEqualTo("resolved");
        assertThat(call(ROOT_FILE)).as("an answered call pushed no frame").isEqualTo(new Pair("root", 0, 0));
        assertThat(DevModeBridge.enter(0, null, new Object[] {"/elsewhere.yml"})).isNull();
        DevModeBridge.exit("own", 0);
        assertThat(recorded).hasSize(1);
    }

    @Test
    void sixteenReadersThroughTenThousandSwapsOfTwoConfigsNeverSeeTheOtherNullOrAMix() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> problem = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(16);
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Path file = i % 2 == 0 ? Path.of("/app/root.yml") : Path.of("/app/tools.yml");
            String expected = i % 2 == 0 ? "root" : "tools";
            Thread reader = new Thread(() -> {
                started.countDown();
                long lastSeen = 0;
                while (!done.get()) {
                    Object value = call(file);
                    if (!(value instanceof Pair pair)) {
                        problem.compareAndSet(null, "saw " + value);
                        return;
                    }
                    if (!pair.file().equals(expected) || pair.left() != pair.right() || pair.left() < lastSeen) {
                        problem.compareAndSet(null, "a reader of " + expected + " saw " + pair + " after " + lastSeen);
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
            DevModeBridge.publish(0, generation % 2 == 0 ? ROOT : TOOLS, new Pair(generation % 2 == 0 ? "root" : "tools",
                    generation, generation));
        }
        done.set(true);
        for (Thread reader : readers) {
            reader.join();
        }
        assertThat(problem.get()).isNull();
        assertThat(call(ROOT_FILE)).isEqualTo(new Pair("root", 10_000, 10_000));
        assertThat(call(TOOLS_FILE)).isEqualTo(new Pair("tools", 9_999, 9_999));
    }

    @Test
    void unbindAndResetMakeCallsRunTheirOwnCode() {
        DevModeBridge.unbind(0, TOOLS);
        assertThat(call(TOOLS_FILE)).isNull();
        assertThat(call(ROOT_FILE)).isEqualTo(new Pair("root", 0, 0));
        DevModeBridge.reset();
        assertThat(call(ROOT_FILE)).isNull();
    }

    @Test
    void methodsWithManyParametersCompareTheWholeArray() {
        Object[] args = {"a", "b", "c", "d", "e"};
        DevModeBridge.bind(1, ROOT, null, args);
        DevModeBridge.publish(1, ROOT, "five");
        assertThat(DevModeBridge.currentOf(1, null, new Object[] {"a", "b", "c", "d", "e"})).isEqualTo("five");
        assertThat(DevModeBridge.currentOf(1, null, new Object[] {"a", "b", "c", "d", "x"})).isNull();
    }

    private static Object call(Object file) {
        return DevModeBridge.current(0, null, file, null, null, null);
    }
}
