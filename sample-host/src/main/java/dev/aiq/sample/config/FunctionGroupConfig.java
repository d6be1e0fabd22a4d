package dev.aiq.sample.config;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One entry of {@code function_groups}: a set of related tools the workflow names as one.
 *
 * @param type  the {@code _type}, for example {@code calculator}; null when missing
 * @param extra every other key
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FunctionGroupConfig(
        @JsonProperty("_type") String type,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements Component {

    /** Makes {@code extra} an unmodifiable copy, sorted by key. */
    public FunctionGroupConfig {
        extra = Trees.frozenSorted(extra);
    }
}
