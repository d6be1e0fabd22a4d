package dev.aiq.agent.reload;

import java.util.Locale;

/** Decides which keys look secret and masks their values, everywhere the agent shows a value. Internal. */
public final class Secrets {

    /** What a masked value shows. */
    public static final String MASK = "****";

    private static final String[] WORDS = {"api_key", "apikey", "api-key", "password", "passwd", "secret",
        "client_secret", "authorization", "credential", "private_key"};

    private Secrets() {
    }

    /** Tells whether the last key of a dotted path looks like it holds a secret. */
    public static boolean isSecret(String path) {
        String key = path;
        int dot = path.lastIndexOf('.');
        if (dot >= 0) {
            key = path.substring(dot + 1);
        }
        int bracket = key.indexOf('[');
        if (bracket >= 0) {
            key = key.substring(0, bracket);
        }
        String lower = key.toLowerCase(Locale.ROOT);
        // token, access_token, authToken are secrets; max_tokens, tokenizer and token_url are not
        if (lower.endsWith("token")) {
            return true;
        }
        for (String word : WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** Renders {@code value} for display, masked when {@code path} looks secret. */
    public static String render(String path, Object value) {
        if (value == null) {
            return "null";
        }
        if (isSecret(path) && !(value instanceof java.util.Map)) {
            return MASK;
        }
        return value instanceof String s ? s : String.valueOf(value);
    }
}
