package dev.aiq.sample.config;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * One entry of {@code llms}.
 *
 * @param type        the {@code _type}, for example {@code nim}; null when missing
 * @param modelName   {@code model_name}, or null
 * @param model       {@code model} (some LLM types use this name), or null
 * @param temperature the sampling temperature, or null for the model's default
 * @param extra       every other key, for example {@code max_tokens}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LlmConfig(
        @JsonProperty("_type") String type,
        String modelName,
        String model,
        Double temperature,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements Component {

    /** Makes {@code extra} an unmodifiable copy, sorted by key. */
    public LlmConfig {
        extra = Trees.frozenSorted(extra);
    }

    /** Returns {@code model_name}, else {@code model}, else {@code default}. */
    public String modelId() {
        if (modelName != null) {
            return modelName;
        }
        return model != null ? model : "default";
    }
}
