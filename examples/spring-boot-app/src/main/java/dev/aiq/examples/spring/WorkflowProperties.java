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
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The app's workflow config as a Spring Boot {@code @ConfigurationProperties} bean, shaped like an AIQ toolkit config
 * ({@code llms}, {@code functions}, {@code workflow}). Spring Boot binds it from the {@code aiq.*} properties, which
 * {@link WorkflowFileEnvironmentPostProcessor} makes out of the workflow file (its keys under {@code aiq.}), with
 * relaxed names ({@code model_name} binds {@code modelName}, {@code _type} binds {@code type}), Jakarta Validation
 * ({@code @Validated}) and unknown keys refused.
 *
 * <p>It is a JavaBean, not a record, so that it can be rebound in place: on a reload
 * {@link WorkflowPropertiesRebinder} gives this same instance the new values, and every bean it was injected into sees
 * them. Each setter replaces one property with one volatile write of an immutable value; a reader that takes several
 * properties during a rebind may see some old and some new, which is why {@link ChatService} builds its client once
 * per change.
 */
@ConfigurationProperties(prefix = WorkflowProperties.PREFIX, ignoreUnknownFields = false)
@Validated
public class WorkflowProperties {

    /** Where the workflow file's keys are in the Spring {@code Environment}. */
    public static final String PREFIX = "aiq";

    @NotEmpty
    private volatile Map<String, @Valid Llm> llms = Map.of();
    private volatile Map<String, @Valid Function> functions = Map.of();
    @NotNull
    @Valid
    private volatile Workflow workflow;

    /** Returns the language models by name, at least one; unmodifiable. */
    public Map<String, Llm> getLlms() {
        return llms;
    }

    /** Sets the language models by name. */
    public void setLlms(Map<String, Llm> llms) {
        this.llms = Map.copyOf(llms);
    }

    /** Returns the tools by name; empty when there are none; unmodifiable. */
    public Map<String, Function> getFunctions() {
        return functions;
    }

    /** Sets the tools by name. */
    public void setFunctions(Map<String, Function> functions) {
        this.functions = Map.copyOf(functions);
    }

    /** Returns what the app runs; null only before binding. */
    public Workflow getWorkflow() {
        return workflow;
    }

    /** Sets what the app runs. */
    public void setWorkflow(Workflow workflow) {
        this.workflow = workflow;
    }

    /** Returns the model the workflow names in {@code llm_name}; throws {@link IllegalStateException} if none. */
    public Llm workflowLlm() {
        Workflow running = workflow;
        Llm llm = llms.get(running.llmName());
        if (llm == null) {
            throw new IllegalStateException("workflow.llm_name: no llm named '" + running.llmName() + "'");
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
