package dev.aiq.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiq.agent.protocol.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which config a request means: exact path or name first, else a unique substring, else the only one. */
class ConfigSelectionTest {

    private static final String HOW = "name one with --config";

    private final FakeDevModeControl jvm = new FakeDevModeControl("/srv/app/root.yml", "/srv/app/tools.yml",
            "/srv/app/tools.yml.d/extra.yml");
    private final List<ConfigControl> configs = jvm.configs();

    @Test
    void exactPathWinsOverALongerPathThatContainsIt() {
        assertThat(ConfigSelection.select(configs, "/srv/app/tools.yml", HOW)).isSameAs(jvm.config(1));
    }

    @Test
    void exactNameWinsOverPathsThatContainIt() {
        // "tools.yml" is in two paths, but it is exactly one config's name
        assertThat(ConfigSelection.select(configs, "tools.yml", HOW)).isSameAs(jvm.config(1));
    }

    @Test
    void uniqueSubstringOfAPathSelectsThatConfig() {
        assertThat(ConfigSelection.select(configs, "root", HOW)).isSameAs(jvm.config(0));
        assertThat(ConfigSelection.select(configs, "extra", HOW)).isSameAs(jvm.config(2));
    }

    @Test
    void substringOfSeveralPathsIsRefusedNamingThem() {
        assertThatThrownBy(() -> ConfigSelection.select(configs, "tools", HOW))
                .isInstanceOfSatisfying(ConfigSelection.Refusal.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.CONFIG_AMBIGUOUS))
                .hasMessage("'tools' matches 2 configs; name one with --config (a path or a longer substring): "
                        + "/srv/app/tools.yml, /srv/app/tools.yml.d/extra.yml");
    }

    @Test
    void substringOfNoPathIsRefusedListingEveryConfig() {
        assertThatThrownBy(() -> ConfigSelection.select(configs, "prompts", HOW))
                .isInstanceOfSatisfying(ConfigSelection.Refusal.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.CONFIG_UNKNOWN))
                .hasMessage("no config of this JVM matches 'prompts'; its configs: /srv/app/root.yml, "
                        + "/srv/app/tools.yml, /srv/app/tools.yml.d/extra.yml");
    }

    @Test
    void emptyNameMatchesNoSubstring() {
        assertThatThrownBy(() -> ConfigSelection.select(configs, "", HOW))
                .isInstanceOfSatisfying(ConfigSelection.Refusal.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.CONFIG_UNKNOWN));
    }

    @Test
    void noNameSelectsTheOnlyConfig() {
        FakeDevModeControl single = new FakeDevModeControl();

        assertThat(ConfigSelection.select(single.configs(), null, HOW)).isSameAs(single.config(0));
    }

    @Test
    void noNameAmongSeveralConfigsIsRefusedNamingThem() {
        assertThatThrownBy(() -> ConfigSelection.select(configs, null, HOW))
                .isInstanceOfSatisfying(ConfigSelection.Refusal.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.CONFIG_NOT_NAMED))
                .hasMessage("this JVM has 3 configs; name one with --config: /srv/app/root.yml, /srv/app/tools.yml, "
                        + "/srv/app/tools.yml.d/extra.yml");
    }

    @Test
    void noConfigYetIsRefusedWhateverIsNamed() {
        List<ConfigControl> none = new FakeDevModeControl(new String[0]).configs();

        for (String wanted : new String[] {null, "root"}) {
            assertThatThrownBy(() -> ConfigSelection.select(none, wanted, HOW))
                    .isInstanceOfSatisfying(ConfigSelection.Refusal.class,
                            refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.NO_CONFIG))
                    .hasMessage("development mode is waiting for the config provider's first call");
        }
    }
}
