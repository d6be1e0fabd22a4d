package dev.aiq.sample.config;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * One entry of {@code embedders}.
 *
 * @param type      the {@code _type}, for example {@code nim}; null when missing
 * @param modelName {@code model_name}, or null
 * @param extra     every other key
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EmbedderConfig(
        @JsonProperty("_type") String type,
        String modelName,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements Component {

    /** Makes {@code extra} an unmodifiable copy, sorted by key. */
    public EmbedderConfig {
        extra = Trees.frozenSorted(extra);
    }
}
