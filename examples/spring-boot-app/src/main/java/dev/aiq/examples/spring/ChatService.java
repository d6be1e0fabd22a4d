package dev.aiq.examples.spring;

import dev.aiq.api.DevMode;
import java.util.List;
import org.springframework.context.event.EventListener;

/**
 * Answers prompts with the workflow's model. It is injected with the {@link WorkflowProperties} bean and keeps it:
 * the rebinder gives that same instance the new values, so what the service reads from it per request is always the
 * live config ({@code tool_names} here). What it derived from the values, a {@link ModelClient} as apps keep an SDK
 * client, is rebuilt on {@link WorkflowConfigChanged}: a client built once in the constructor would answer with the
 * first config's model for ever.
 */
final class ChatService {

    private final WorkflowProperties properties;
    private volatile ModelClient client;

    ChatService(WorkflowProperties properties) {
        this.properties = properties;
        this.client = ModelClient.of(properties);
    }

    /** Rebuilds the client from the rebound bean; throws (so vetoes the change) if the workflow names no llm. */
    @EventListener
    void on(WorkflowConfigChanged change) {
        client = ModelClient.of(change.properties());
    }

    /** The bean this service was injected with, for {@code GET /beans}. */
    WorkflowProperties properties() {
        return properties;
    }

    /** One answer of the workflow to {@code prompt}, with the values it was answered with. */
    Generation generate(String prompt) {
        ModelClient used = client;  // taken once: one request is answered by one client
        return new Generation(used.llmName(), used.model(), used.temperature(), used.maxTokens(),
                properties.getWorkflow().toolNames(), DevMode.generation(), used.complete(prompt));
    }

    /**
     * What {@code GET /generate} answers.
     *
     * @param llm         the name of the model in {@code llms}
     * @param model       its {@code model_name}
     * @param temperature its temperature
     * @param maxTokens   its {@code max_tokens}
     * @param tools       the workflow's {@code tool_names}, read from the bean for this request
     * @param generation  aiq-dev's generation of the live config (0 without the agent)
     * @param text        the model's answer
     */
    record Generation(String llm, String model, double temperature, int maxTokens, List<String> tools,
                      long generation, String text) {
    }

    /**
     * A stand-in for an LLM client: immutable, built from the bean's values at one moment, answers with them.
     *
     * @param llmName      the model's name in {@code llms}
     * @param model        its {@code model_name}
     * @param temperature  its temperature
     * @param maxTokens    its {@code max_tokens}
     * @param systemPrompt the workflow's system prompt
     */
    record ModelClient(String llmName, String model, double temperature, int maxTokens, String systemPrompt) {

        static ModelClient of(WorkflowProperties properties) {
            WorkflowProperties.Workflow workflow = properties.getWorkflow();
            WorkflowProperties.Llm llm = properties.workflowLlm();
            return new ModelClient(workflow.llmName(), llm.modelName(), llm.temperature(), llm.maxTokens(),
                    workflow.systemPrompt());
        }

        String complete(String prompt) {
            return "[" + model + " temperature=" + temperature + "] " + systemPrompt + " | you said: " + prompt;
        }
    }
}
