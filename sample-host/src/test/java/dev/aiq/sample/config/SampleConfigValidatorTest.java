package dev.aiq.sample.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiq.api.ConfigOverrides;
import dev.aiq.api.ConfigProblem;
import dev.aiq.api.ConfigValidator;
import dev.aiq.sample.testing.ConfigDir;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SampleConfigValidatorTest {

    @TempDir
    Path temp;

    private final SampleConfigValidator validator = new SampleConfigValidator(false);

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.0", "0.7", "2", "2.0"})
    void acceptsATemperatureFromZeroToTwo(String temperature) throws Exception {
        assertThat(validator.validate(config("llms.nim_llm.temperature", temperature))).isEmpty();
    }

    @Test
    void rejectsATemperatureAboveTwo() throws Exception {
        assertThat(validator.validate(config("llms.nim_llm.temperature", "5.0")))
                .containsExactly(new ConfigProblem("llms.nim_llm.temperature", "temperature 5.0 is outside 0..2"));
    }

    @Test
    void rejectsANegativeTemperature() throws Exception {
        assertThat(validator.validate(config("llms.nim_llm.temperature", "-0.1")))
                .extracting(ConfigProblem::toString)
                .containsExactly("llms.nim_llm.temperature: temperature -0.1 is outside 0..2");
    }

    @Test
    void rejectsANotANumberTemperature() throws Exception {
        assertThat(validator.validate(config("llms.nim_llm.temperature", "NaN")))
                .extracting(ConfigProblem::path).containsExactly("llms.nim_llm.temperature");
    }

    @Test
    void acceptsAnLlmWithoutTemperature() throws Exception {
        assertThat(validator.validate(config())).isEmpty();
    }

    @Test
    void rejectsAPortOutsideTheTcpRange() throws Exception {
        assertThat(validator.validate(config("general.front_end.port", "70000")))
                .containsExactly(new ConfigProblem("general.front_end.port", "port 70000 is outside 0..65535"));
    }

    @Test
    void throwsOnRequestOnlyWhenFaultsAreEnabled() throws Exception {
        WorkflowConfig faulty = config("general.testing.validator_throws", "true");

        assertThat(validator.validate(faulty)).isEmpty();
        assertThatThrownBy(() -> new SampleConfigValidator(true).validate(faulty))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("validator_throws");
    }

    @Test
    void isRegisteredForTheAgentToFind() {
        assertThat(ServiceLoader.load(ConfigValidator.class).stream().map(ServiceLoader.Provider::type))
                .containsExactly(SampleConfigValidator.class);
        assertThat(new SampleConfigValidator().configType()).isEqualTo(WorkflowConfig.class);
    }

    private WorkflowConfig config(String... overrides) throws ConfigLoadException {
        Path file = ConfigDir.in(temp).writeInPlace("config.yml", """
                general:
                  testing:
                    validator_throws: false
                llms:
                  nim_llm:
                    _type: nim
                workflow:
                  _type: react_agent
                  llm_name: nim_llm
                """);
        return new ConfigLoader(Map.of(), false).read(file, ConfigOverrides.ofPairs(List.of(overrides)));
    }
}
