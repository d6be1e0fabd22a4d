package dev.aiq.agent.mask;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test fixture: a config tree holding every shape of secret the security review found printed in clear, plus
 * nested lists of maps, and the secret texts that must appear in no output.
 */
public final class SecretCorpus {

    /** A provider key under a secret name. */
    public static final String SK = "sk-LIVE-0123456789abcdef";

    /** Every secret text of {@link #tree()}; none may appear in any output. */
    public static final List<String> SECRETS = List.of(SK, "LIVE-0123", "hunter2", "nvapi-0123456789abcdef",
            "PASSWORD9", "abcdef123", "cookie-v4lue", "hf_tokens_value");

    private SecretCorpus() {
    }

    /** A fresh, mutable tree with every shape. */
    public static Map<String, Object> tree() {
        Map<String, Object> nim = new LinkedHashMap<>();
        nim.put("api_key", SK);
        nim.put("temperature", 0.2);
        nim.put("max_tokens", 512);
        Map<String, Object> llms = new LinkedHashMap<>(Map.of("nim", nim));
        List<Object> servers = new ArrayList<>();
        servers.add(new LinkedHashMap<>(Map.of("api_key", SK, "url", "https://user:hunter2@example.com/x")));
        servers.add(new LinkedHashMap<>(Map.of("headers", List.of(Map.of("name", "Authorization",
                "value", "Bearer abcdef123")))));
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("llms", llms);
        tree.put("mcp_servers", servers);
        tree.put("credentials", new LinkedHashMap<>(Map.of("user", "bob", "pass", "PASSWORD9")));
        tree.put("secrets", new LinkedHashMap<>(Map.of("nvidia", "nvapi-0123456789abcdef")));
        tree.put("wrapped", new LinkedHashMap<>(Map.of("api_key", Map.of("v", SK))));
        tree.put("nested", List.of(List.of(Map.of("pwd", "hunter2"))));
        tree.put("session_cookie", "cookie-v4lue");
        tree.put("hf_tokens", List.of("hf_tokens_value"));
        tree.put("key", "abcdef123");
        return tree;
    }
}
