package dev.aiq.examples.spring;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;
import java.util.Map;
import org.springframework.validation.annotation.Validated;

/**
 * The app's workflow config, shaped like an AIQ toolkit config ({@code llms}, {@code functions}, {@code workflow}) and
 * written the way a Spring Boot app writes {@code @ConfigurationProperties}: immutable records, bound by constructor
 * with relaxed names ({@code model_name} binds {@code modelName}, {@code _type} binds {@code type}), checked with
 * Jakarta Validation. {@link WorkflowConfigLoader} binds it from the workflow file, not from the Spring
 * {@code Environment}, so that it can be bound again when the file changes.
 *
 * @param llms      the language models by name, at least one
 * @param functions the tools by name; empty when there are none
 * @param workflow  what the app runs
 */
@Validated
public record WorkflowConfig(@NotEmpty Map<String, @Valid Llm> llms, Map<String, @Valid Function> functions,
                             @NotNull @Valid Workflow workflow) {

    /** Makes {@code functions} empty rather than null, and the maps unmodifiable. */
    public WorkflowConfig {
        llms = llms == null ? Map.of() : Map.copyOf(llms);
        functions = functions == null ? Map.of() : Map.copyOf(functions);
    }

    /** Returns the model the workflow names in {@code llm_name}; throws {@link IllegalStateException} if none. */
    public Llm workflowLlm() {
        Llm llm = llms.get(workflow.llmName());
        if (llm == null) {
            throw new IllegalStateException("workflow.llm_name: no llm named '" + workflow.llmName() + "'");
        }
        return llm;
    }

    /**
     * One language model.
     *
     * @param type        the provider ({@code _type}), for example {@code nim}
     * @param modelName   the model's name, never blank
     * @param temperature sampling temperature, 0 to 2
     * @param maxTokens   the longest answer, in tokens (positive; 1024 when not given)
     */
    public record Llm(String type, @NotBlank String modelName,
                      @DecimalMin("0.0") @DecimalMax("2.0") double temperature, @Positive Integer maxTokens) {

        /** Defaults {@code maxTokens} to 1024. */
        public Llm {
            maxTokens = maxTokens == null ? 1024 : maxTokens;
        }
    }

    /**
     * One tool the workflow may call.
     *
     * @param type        the tool's kind ({@code _type})
     * @param description what the tool does, or null
     */
    public record Function(@NotBlank String type, String description) {
    }

    /**
     * What the app runs.
     *
     * @param type         the workflow's kind ({@code _type}), for example {@code chat}
     * @param llmName      the name of the model in {@code llms} it answers with
     * @param toolNames    the names of the functions it may call; empty when not given
     * @param systemPrompt the instructions it starts every conversation with
     */
    public record Workflow(@NotBlank String type, @NotBlank String llmName, List<String> toolNames,
                           @NotBlank String systemPrompt) {

        /** Makes {@code toolNames} empty rather than null, and unmodifiable. */
        public Workflow {
            toolNames = toolNames == null ? List.of() : List.copyOf(toolNames);
        }
    }
}
