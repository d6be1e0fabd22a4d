package dev.aiq.sample.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

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
        String text = resource(RESOURCE);
        String edited = text.replace("    temperature: 0.7\n", "    temperature: " + temperature + "\n")
                .replace("    max_tokens: 1024\n", "    max_tokens: " + maxTokens + "\n");
        if (!edited.contains("temperature: " + temperature + "\n") || !edited.contains("max_tokens: " + maxTokens)) {
            throw new IllegalStateException(RESOURCE + " no longer has the lines this fixture edits");
        }
        return edited;
    }

    private static String resource(String name) {
        try (InputStream in = ControlItConfig.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no class-path resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
