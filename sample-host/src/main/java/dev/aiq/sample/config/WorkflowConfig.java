package dev.aiq.sample.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;
import java.util.Objects;

/**
 * A whole workflow config as {@link ConfigLoader#load} returns it: immutable, with defaults filled in, every
 * {@code _type} known and every reference between components resolved.
 *
 * <p>Sections keep the file's order. Serialised with any Jackson {@code ObjectMapper} it gives back the effective config
 * in the file's shape (snake-case keys, {@code _type}).
 *
 * @param general        the {@code general} section, never null
 * @param llms           {@code llms} by name, never null
 * @param embedders      {@code embedders} by name, never null
 * @param functions      {@code functions} by name, never null
 * @param tools          {@code tools} by name (the older name of {@code functions}), never null
 * @param functionGroups {@code function_groups} by name, never null
 * @param authentication {@code authentication} providers by name, never null
 * @param workflow       the {@code workflow} section, never null
 * @param eval           the {@code eval} section as plain maps and lists (this app does not run evaluations)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record WorkflowConfig(
        GeneralConfig general,
        Map<String, LlmConfig> llms,
        Map<String, EmbedderConfig> embedders,
        Map<String, FunctionConfig> functions,
        Map<String, FunctionConfig> tools,
        Map<String, FunctionGroupConfig> functionGroups,
        Map<String, AuthenticationConfig> authentication,
        AgentConfig workflow,
        Map<String, Object> eval) {

    /** Fills in the defaults and makes every map an unmodifiable copy. */
    public WorkflowConfig {
        general = general == null ? GeneralConfig.DEFAULT : general;
        llms = Trees.frozen(llms);
        embedders = Trees.frozen(embedders);
        functions = Trees.frozen(functions);
        tools = Trees.frozen(tools);
        functionGroups = Trees.frozen(functionGroups);
        authentication = Trees.frozen(authentication);
        Objects.requireNonNull(workflow, "workflow");
        eval = Trees.frozen(eval);
    }
}
