package dev.aiq.sample.config;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * One entry of {@code functions} (or of the older {@code tools}): a tool the workflow may call.
 *
 * <p>The keys that name other components are typed so that the loader can check them; the rest stay in
 * {@code extra}.
 *
 * @param type         the {@code _type}, for example {@code wiki_search}; null when missing
 * @param description  what the tool is for, or null
 * @param llmName      {@code llm_name}: an entry of {@code llms} the tool uses, or null
 * @param embedderName {@code embedder_name}: an entry of {@code embedders} the tool uses, or null
 * @param authProvider {@code auth_provider}: an entry of {@code authentication} the tool uses, or null
 * @param maxResults   {@code max_results} for search tools, or null for the tool's default
 * @param extra        every other key, for example {@code webpage_url}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FunctionConfig(
        @JsonProperty("_type") String type,
        String description,
        String llmName,
        String embedderName,
        String authProvider,
        Integer maxResults,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements Component {

    /** Makes {@code extra} an unmodifiable copy, sorted by key. */
    public FunctionConfig {
        extra = Trees.frozenSorted(extra);
    }

    /** Returns {@code extra.get(key)} as text, or {@code fallback} when it is absent. */
    public String extraText(String key, String fallback) {
        Object value = extra.get(key);
        return value == null ? fallback : value.toString();
    }
}
