package dev.aiq.sample.config;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * The {@code workflow} section: the agent that answers questions, its LLM and its tools.
 *
 * @param type      the {@code _type}, for example {@code react_agent}; null when missing
 * @param llmName   {@code llm_name}: the entry of {@code llms} the agent uses, or null
 * @param llm       {@code llm}: the same, as {@code adk} workflows spell it, or null
 * @param toolNames {@code tool_names}: entries of {@code functions}, {@code tools} or {@code function_groups}
 * @param extra     every other key, for example {@code system_prompt}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentConfig(
        @JsonProperty("_type") String type,
        String llmName,
        String llm,
        List<String> toolNames,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements Component {

    /** Makes {@code toolNames} and {@code extra} unmodifiable copies, {@code extra} sorted by key. */
    public AgentConfig {
        toolNames = Trees.frozen(toolNames);
        extra = Trees.frozenSorted(extra);
    }

    /** Returns the LLM the agent names ({@code llm_name}, else {@code llm}), or null when it names none. */
    public String llmReference() {
        return llmName != null ? llmName : llm;
    }

    /** Returns the dotted path of the key that names the LLM, for messages. */
    String llmReferencePath() {
        return llmName == null && llm != null ? "workflow.llm" : "workflow.llm_name";
    }
}
