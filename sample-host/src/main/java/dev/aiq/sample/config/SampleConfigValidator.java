package dev.aiq.sample.config;

import dev.aiq.api.ConfigProblem;
import dev.aiq.api.ConfigValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The app's rules for values that are well-formed but unusable: a temperature outside {@code 0..2}, a port outside
 * {@code 0..65535}.
 *
 * <p>Registered in {@code META-INF/services/dev.aiq.api.ConfigValidator}, so aiq-dev runs it on every reload; the
 * app runs it at start.
 */
public final class SampleConfigValidator implements ConfigValidator<WorkflowConfig> {

    private static final double MAX_TEMPERATURE = 2.0;
    private static final int MAX_PORT = 65_535;

    private final boolean faultsEnabled;

    /** Creates the validator {@link java.util.ServiceLoader} uses: faults follow {@code -Dsample.faults}. */
    public SampleConfigValidator() {
        this(TestingConfig.faultsEnabled());
    }

    /**
     * Creates a validator.
     *
     * @param faultsEnabled whether {@code general.testing.validator_throws} takes effect
     */
    SampleConfigValidator(boolean faultsEnabled) {
        this.faultsEnabled = faultsEnabled;
    }

    @Override
    public Class<WorkflowConfig> configType() {
        return WorkflowConfig.class;
    }

    @Override
    public List<ConfigProblem> validate(WorkflowConfig config) {
        if (faultsEnabled && config.general().testing().validatorThrows()) {
            throw new IllegalStateException("general.testing.validator_throws is set");
        }
        List<ConfigProblem> problems = new ArrayList<>();
        for (Map.Entry<String, LlmConfig> llm : config.llms().entrySet()) {
            Double temperature = llm.getValue().temperature();
            if (temperature != null && !(temperature >= 0 && temperature <= MAX_TEMPERATURE)) {
                problems.add(new ConfigProblem("llms." + llm.getKey() + ".temperature",
                        "temperature " + temperature + " is outside 0..2"));
            }
        }
        int port = config.general().frontEnd().port();
        if (port < 0 || port > MAX_PORT) {
            problems.add(new ConfigProblem("general.front_end.port", "port " + port + " is outside 0..65535"));
        }
        return problems;
    }
}
