package dev.aiq.sample.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Internal. Masks the values of secret-looking keys ({@code api_key}, {@code client_secret}, ...) in JSON. */
final class Secrets {

    /** What a masked value is replaced with. */
    static final String MASK = "****";

    private static final List<String> SECRET_KEYS =
            List.of("api_key", "password", "token", "secret", "client_secret", "authorization");

    private Secrets() {
    }

    /**
     * Tells whether {@code key} holds a secret: it is one of the secret names, or ends with {@code _} and one
     * (like {@code nvidia_api_key}); {@code token_url} or {@code authorization_url} do not.
     */
    static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_KEYS.stream().anyMatch(secret -> lower.equals(secret) || lower.endsWith("_" + secret));
    }

    /** Returns a copy of {@code node} with every value under a secret key replaced by {@link #MASK}. */
    static JsonNode masked(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                copy.set(field.getKey(), isSecret(field.getKey()) && !field.getValue().isNull()
                        ? TextNode.valueOf(MASK) : masked(field.getValue()));
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            array.forEach(item -> copy.add(masked(item)));
            return copy;
        }
        return node;
    }
}
