package dev.aiq.examples.spring;

import dev.aiq.api.DevMode;
import java.util.List;
import org.springframework.context.event.EventListener;

/**
 * Answers prompts with the workflow's model. It keeps a {@link ModelClient} built from the config, as apps keep an
 * SDK client, and rebuilds it on {@link WorkflowConfigChanged}: a client in a {@code final} field, built once in
 * the constructor, would answer with the first config's model for ever.
 */
final class ChatService {

    private final LiveWorkflowConfig config;
    private volatile ModelClient client;

    ChatService(LiveWorkflowConfig config) {
        this.config = config;
        this.client = ModelClient.of(config.current());
    }

    /** Rebuilds the client for the config now live. */
    @EventListener
    void on(WorkflowConfigChanged change) {
        client = ModelClient.of(change.current());
    }

    /** One answer of the workflow to {@code prompt}, with the values it was answered with. */
    Generation generate(String prompt) {
        ModelClient used = client;  // taken once: one request is answered by one config
        return new Generation(used.llmName(), used.model(), used.temperature(), used.maxTokens(),
                config.current().workflow().toolNames(), DevMode.generation(), used.complete(prompt));
    }

    /**
     * What {@code GET /generate} answers.
     *
     * @param llm         the name of the model in {@code llms}
     * @param model       its {@code model_name}
     * @param temperature its temperature
     * @param maxTokens   its {@code max_tokens}
     * @param tools       the workflow's {@code tool_names}
     * @param generation  aiq-dev's generation of the live config (0 without the agent)
     * @param text        the model's answer
     */
    record Generation(String llm, String model, double temperature, int maxTokens, List<String> tools,
                      long generation, String text) {
    }

    /**
     * A stand-in for an LLM client: immutable, built from one config, answers with what that config says.
     *
     * @param llmName      the model's name in {@code llms}
     * @param model        its {@code model_name}
     * @param temperature  its temperature
     * @param maxTokens    its {@code max_tokens}
     * @param systemPrompt the workflow's system prompt
     */
    record ModelClient(String llmName, String model, double temperature, int maxTokens, String systemPrompt) {

        static ModelClient of(WorkflowConfig config) {
            WorkflowConfig.Llm llm = config.workflowLlm();
            return new ModelClient(config.workflow().llmName(), llm.modelName(), llm.temperature(), llm.maxTokens(),
                    config.workflow().systemPrompt());
        }

        String complete(String prompt) {
            return "[" + model + " temperature=" + temperature + "] " + systemPrompt + " | you said: " + prompt;
        }
    }
}
