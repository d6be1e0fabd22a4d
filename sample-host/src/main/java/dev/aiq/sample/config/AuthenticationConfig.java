package dev.aiq.sample.config;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One entry of {@code authentication}: a provider that tools name in {@code auth_provider}.
 *
 * @param type  the {@code _type}, for example {@code oauth2_auth_code_flow}; null when missing
 * @param extra every other key, secrets included (mask them before showing them)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthenticationConfig(
        @JsonProperty("_type") String type,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements Component {

    /** Makes {@code extra} an unmodifiable copy, sorted by key. */
    public AuthenticationConfig {
        extra = Trees.frozenSorted(extra);
    }
}
