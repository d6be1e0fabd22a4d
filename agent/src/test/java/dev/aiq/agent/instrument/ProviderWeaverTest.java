package dev.aiq.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiq.api.ConfigOverrides;
import dev.aiq.bootstrap.DevModeBridge;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProviderWeaverTest {

    private static final Object KEY = new Object();
    private final List<Object[]> recorded = new ArrayList<>();

    @BeforeEach
    void recordFirstCalls() {
        DevModeBridge.reset();
        DevModeBridge.ensureSlots(3);
        DevModeBridge.recorder(recorded::add);
    }

    @AfterEach
    void resetBridge() {
        DevModeBridge.reset();
    }

    @Test
    void findsAnnotatedAndNamedMethodsButNeverOthers() throws IOException {
        byte[] bytes = classBytes(WovenProviders.class);
        assertThat(ProviderWeaver.targets(bytes, List.of()))
                .extracting(ProviderWeaver.Target::name).containsExactlyInAnyOrder("load", "tree");
        assertThat(ProviderWeaver.targets(bytes, List.of("counter")))
                .extracting(ProviderWeaver.Target::name).containsExactlyInAnyOrder("load", "tree", "counter");
    }

    @Test
    void firstCallRunsTheOriginalAndIsRecordedThenTheLiveValueIsReturned() throws Exception {
        Class<?> woven = weave(List.of());
        Method load = woven.getMethod("load", Path.class, ConfigOverrides.class);
        ConfigOverrides overrides = ConfigOverrides.ofPairs(List.of("a.b", "1"));

        Object first = load.invoke(null, Path.of("config.yml"), overrides);

        assertThat(first).isEqualTo(List.of("static", "1", "1"));
        assertThat(recorded).hasSize(1);
        Object[] call = recorded.get(0);
        assertThat(call[0]).isEqualTo(0);
        assertThat(call[1]).isNull();
        assertThat((Object[]) call[2]).containsExactly(Path.of("config.yml"), overrides);
        assertThat(call[3]).isSameAs(first);

        DevModeBridge.bind(0, KEY, null, (Object[]) call[2]);
        DevModeBridge.publish(0, KEY, List.of("live"));
        assertThat(load.invoke(null, Path.of("config.yml"), ConfigOverrides.ofPairs(List.of("a.b", "1"))))
                .as("equal arguments (new objects) are the same config").isEqualTo(List.of("live"));
        assertThat(woven.getField("staticCalls").getInt(null)).isEqualTo(1);

        Object other = load.invoke(null, Path.of("other.yml"), ConfigOverrides.none());
        assertThat(other).as("another file is another config: its own code runs").isEqualTo(List.of("static", "2", "0"));
        assertThat(recorded).hasSize(2);
        assertThat((Object[]) recorded.get(1)[2]).containsExactly(Path.of("other.yml"), ConfigOverrides.none());
    }

    @Test
    void nestedCallsRunTheirOwnCodeAndAreReportedWithTheOutermostOnly() throws Exception {
        Class<?> woven = weave(List.of());
        Method tree = woven.getMethod("tree", String.class);
        DevModeBridge.bind(2, KEY, null, new Object[] {"a"});
        DevModeBridge.publish(2, KEY, "live a");

        Object root = tree.invoke(null, "root");

        assertThat(root).as("the nested tree(\"a\") ran its own code, though a config has its identity")
                .isEqualTo("root[a,b,caught]");
        assertThat(recorded).as("only the outermost call is recorded").hasSize(1);
        Object[] call = recorded.get(0);
        assertThat((Object[]) call[2]).containsExactly("root");
        @SuppressWarnings("unchecked")
        List<Object[]> nested = (List<Object[]>) call[4];
        assertThat(nested).extracting(c -> ((Object[]) c[2])[0]).containsExactly("a", "b", "bad-c", "a", "b");
        assertThat(tree.invoke(null, "a")).as("an outermost call with the identity gets the live value").isEqualTo("live a");
    }

    @Test
    void anOutermostCallThatThrowsLeavesTheThreadOutOfProviderCode() throws Exception {
        Class<?> woven = weave(List.of());
        Method tree = woven.getMethod("tree", String.class);
        DevModeBridge.bind(2, KEY, null, new Object[] {"a"});
        DevModeBridge.publish(2, KEY, "live a");

        assertThatThrownBy(() -> tree.invoke(null, "bad-x")).hasRootCauseMessage("Agent instruction is required");

        assertThat(recorded).isEmpty();
        assertThat(tree.invoke(null, "a")).as("the thread is not inside a provider call any more").isEqualTo("live a");
    }

    @Test
    void replayRunsTheOriginalCodeOnTheReplayingThreadOnly() throws Exception {
        Class<?> woven = weave(List.of());
        Method load = woven.getMethod("load", Path.class, ConfigOverrides.class);
        DevModeBridge.bind(0, KEY, null, new Object[] {Path.of("config.yml"), ConfigOverrides.none()});
        DevModeBridge.publish(0, KEY, List.of("live"));

        DevModeBridge.beginReplay();
        Object replayed;
        List<Object[]> calls;
        try {
            replayed = load.invoke(null, Path.of("config.yml"), ConfigOverrides.none());
        } finally {
            calls = DevModeBridge.endReplay();
        }

        assertThat(replayed).isEqualTo(List.of("static", "1", "0"));
        assertThat(recorded).as("a replay is not a first call").isEmpty();
        assertThat(calls).as("the replayed call itself comes first").hasSize(1);
        assertThat(load.invoke(null, Path.of("config.yml"), ConfigOverrides.none())).isEqualTo(List.of("live"));
    }

    @Test
    void instanceMethodsWithPrimitiveParametersAndReturnTypesAreWoven() throws Exception {
        Class<?> woven = weave(List.of("counter"));
        Object instance = woven.getConstructor().newInstance();
        Method counter = woven.getMethod("counter", int.class, double.class, long.class);

        assertThat(counter.invoke(instance, 2, 1.5, 100L)).isEqualTo(104L);
        Object[] call = recorded.get(0);
        assertThat(call[1]).isSameAs(instance);
        assertThat((Object[]) call[2]).containsExactly(2, 1.5, 100L);
        assertThat(call[3]).isEqualTo(104L);

        int slot = (Integer) call[0];
        DevModeBridge.bind(slot, KEY, instance, (Object[]) call[2]);
        DevModeBridge.publish(slot, KEY, 42L);
        assertThat(counter.invoke(instance, 2, 1.5, 100L)).isEqualTo(42L);
        assertThat(counter.invoke(instance, 9, 9.0, 9L)).as("other arguments: its own code").isEqualTo(92L);
        Object another = woven.getConstructor().newInstance();
        assertThat(counter.invoke(another, 2, 1.5, 100L)).as("another receiver: its own code").isEqualTo(104L);
        assertThat(woven.getMethod("notAProvider").invoke(instance)).isEqualTo(7);
    }

    private static Class<?> weave(List<String> names) throws Exception {
        byte[] original = classBytes(WovenProviders.class);
        List<ProviderWeaver.Target> targets = ProviderWeaver.targets(original, names);
        Map<String, Integer> slotsByName = Map.of("load", 0, "counter", 1, "tree", 2);
        int[] slots = targets.stream().mapToInt(t -> slotsByName.get(t.name())).toArray();
        byte[] woven = ProviderWeaver.weave(original, targets, slots);
        return new ClassLoader(ProviderWeaverTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(WovenProviders.class.getName())) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> c = findLoadedClass(name);
                        return c != null ? c : defineClass(name, woven, 0, woven.length);
                    }
                }
                return super.loadClass(name, resolve);
            }
        }.loadClass(WovenProviders.class.getName());
    }

    private static byte[] classBytes(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }
}
