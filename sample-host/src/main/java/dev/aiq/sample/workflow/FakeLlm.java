package dev.aiq.sample.workflow;

import dev.aiq.sample.config.LlmConfig;

/**
 * Internal. An offline stand-in for an LLM: its completion names the LLM's key, {@code _type}, model and
 * temperature, so a test or a developer can see which config answered.
 *
 * @param name   the key under {@code llms}
 * @param config the LLM's config
 */
record FakeLlm(String name, LlmConfig config) {

    /** Returns, for example, {@code [nim_llm nim meta/llama-3.1-70b-instruct temperature=0.7]}. */
    String tag() {
        Double temperature = config.temperature();
        return "[" + name + " " + config.type() + " " + config.modelId() + " temperature="
                + (temperature == null ? "default" : temperature.toString()) + "]";
    }

    /** Returns a deterministic completion of {@code prompt}, starting with the {@link #tag()}. */
    String complete(String prompt) {
        return tag() + " " + prompt;
    }
}
