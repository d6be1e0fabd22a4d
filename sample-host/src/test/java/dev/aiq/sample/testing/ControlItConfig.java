package dev.aiq.sample.testing;

/**
 * The workflow config of the control-plane ITs ({@code control-it/config.yml}) with the values a test chooses for
 * the keys it edits, {@code llms.nim_llm.temperature} and {@code llms.nim_llm.max_tokens}.
 *
 * <pre>{@code
 * dir.writeInPlace("config.yml", ControlItConfig.with("0.3", 512));
 * }</pre>
 */
public final class ControlItConfig {

    private static final String RESOURCE = "control-it/config.yml";

    private ControlItConfig() {
    }

    /** Returns the config text with {@code temperature} and {@code maxTokens} for {@code nim_llm}. */
    public static String with(String temperature, int maxTokens) {
        String text = TestResources.text(RESOURCE);
        String edited = text.replace("    temperature: 0.7\n", "    temperature: " + temperature + "\n")
                .replace("    max_tokens: 1024\n", "    max_tokens: " + maxTokens + "\n");
        if (!edited.contains("temperature: " + temperature + "\n") || !edited.contains("max_tokens: " + maxTokens)) {
            throw new IllegalStateException(RESOURCE + " no longer has the lines this fixture edits");
        }
        return edited;
    }
}
