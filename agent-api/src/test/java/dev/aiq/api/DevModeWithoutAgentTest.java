package dev.aiq.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DevModeWithoutAgentTest {

    @Test
    void everyCallIsANoOpWithoutTheAgent() {
        assertThat(DevMode.isActive()).isFalse();
        assertThat(DevMode.generation()).isZero();
        try (DevMode.Registration all = DevMode.onReload(event -> { });
             DevMode.Registration ofType = DevMode.onReload(String.class, event -> { });
             DevMode.Registration ofOne = DevMode.onReload(String.class, Path.of("tools.yml"), event -> { })) {
            assertThat(all).isNotNull();
            assertThat(ofType).isNotNull();
            assertThat(ofOne).isNotNull();
        }
    }

    @Test
    void anEventNamesItsConfigFileOrNoneForTheOldShape() {
        ReloadEvent<String> event = new ReloadEvent<>("a", "b", 2, java.util.Set.of("x"), false, Path.of("/app/tools.yml"));
        assertThat(event.configFile()).isEqualTo(Path.of("/app/tools.yml"));
        assertThat(new ReloadEvent<>("a", "b", 2, java.util.Set.of(), false).configFile()).isNull();
    }
}
