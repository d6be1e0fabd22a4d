package dev.aiq.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

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

    private final List<Object[]> recorded = new ArrayList<>();

    @BeforeEach
    void recordFirstCalls() {
        DevModeBridge.reset();
        DevModeBridge.ensureSlots(2);
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
                .extracting(ProviderWeaver.Target::name).containsExactly("load");
        assertThat(ProviderWeaver.targets(bytes, List.of("counter")))
                .extracting(ProviderWeaver.Target::name).containsExactlyInAnyOrder("load", "counter");
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

        DevModeBridge.publish(0, List.of("live"));
        assertThat(load.invoke(null, Path.of("other.yml"), ConfigOverrides.none())).isEqualTo(List.of("live"));
        assertThat(woven.getField("staticCalls").getInt(null)).isEqualTo(1);
    }

    @Test
    void replayRunsTheOriginalCodeOnTheReplayingThreadOnly() throws Exception {
        Class<?> woven = weave(List.of());
        Method load = woven.getMethod("load", Path.class, ConfigOverrides.class);
        DevModeBridge.publish(0, List.of("live"));

        DevModeBridge.beginReplay();
        Object replayed;
        try {
            replayed = load.invoke(null, Path.of("config.yml"), ConfigOverrides.none());
        } finally {
            DevModeBridge.endReplay();
        }

        assertThat(replayed).isEqualTo(List.of("static", "1", "0"));
        assertThat(recorded).as("a replay is not a first call").isEmpty();
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
        DevModeBridge.publish(slot, 42L);
        assertThat(counter.invoke(instance, 9, 9.0, 9L)).isEqualTo(42L);
        assertThat(woven.getMethod("notAProvider").invoke(instance)).isEqualTo(7);
    }

    private static Class<?> weave(List<String> names) throws Exception {
        byte[] original = classBytes(WovenProviders.class);
        List<ProviderWeaver.Target> targets = ProviderWeaver.targets(original, names);
        Map<String, Integer> slotsByName = Map.of("load", 0, "counter", 1);
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
