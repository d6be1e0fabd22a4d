package dev.aiq.agent.mask;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which keys name a secret, by the words they are made of ({@code nvidia_api_key}, {@code apiKey}, {@code HF_TOKEN},
 * {@code db-pass}). Whole words, so {@code tokenizer} or {@code keyword} hold no secret, and a count of tokens
 * ({@code max_tokens}) or a key that names a field ({@code output_key}) is not one either. Internal.
 */
final class SecretNames {

    /** Words that make any key they appear in secret. */
    private static final Set<String> ANYWHERE = Set.of("password", "passwords", "passwd", "pwd", "passphrase",
            "passcode", "secret", "secrets", "credential", "credentials", "creds", "authorization", "apikey",
            "apikeys", "privatekey", "cookie", "cookies", "jwt", "bearer", "otp", "mfa");

    /** Words that make a key secret when they are its last word: {@code pass}, {@code basic_auth}, {@code key}. */
    private static final Set<String> AS_LAST_WORD = Set.of("pass", "auth", "key", "keys", "pat", "dsn");

    /** Runs of words secret wherever they appear: {@code api_key_file}, {@code aws_access_key_id}. */
    private static final List<List<String>> PHRASES = List.of(List.of("api", "key"), List.of("api", "keys"),
            List.of("access", "key"), List.of("private", "key"), List.of("secret", "key"), List.of("session", "key"),
            List.of("signing", "key"), List.of("encryption", "key"), List.of("client", "key"), List.of("auth", "key"),
            List.of("auth", "header"), List.of("session", "id"), List.of("connection", "string"));

    /** Words before {@code key} that make it a field name rather than a secret ({@code output_key: answer}). */
    private static final Set<String> FIELD_KEY_QUALIFIERS = Set.of("primary", "foreign", "sort", "partition",
            "cache", "routing", "input", "output", "memory", "group", "metadata", "dedup", "idempotency", "hot",
            "join", "lookup", "index", "hash", "unique", "row", "column", "field", "result", "response", "text",
            "content", "message", "state", "context", "prompt", "history", "chat", "return", "sub", "map", "dict");

    /** Words that make {@code token} or {@code tokens} a count or a budget ({@code max_tokens}), not a secret. */
    private static final Set<String> TOKEN_QUANTITIES = Set.of("max", "min", "num", "number", "total", "count",
            "limit", "limits", "prompt", "completion", "input", "output", "context", "reasoning", "budget", "per",
            "thinking", "new", "cached", "chunk", "overlap", "window", "length", "size", "usage", "stop", "special",
            "type", "types", "ids", "id");

    private static final Pattern CAMEL_HUMP = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern SEPARATOR = Pattern.compile("[^A-Za-z0-9]+");

    private SecretNames() {
    }

    /** Whether one key (not a path) names a secret. */
    static boolean isSecretKey(String key) {
        if (key == null || key.isEmpty()) {
            return false;
        }
        List<String> words = words(key);
        if (words.isEmpty()) {
            return false;
        }
        for (String word : words) {
            if (ANYWHERE.contains(word)) {
                return true;
            }
        }
        for (List<String> phrase : PHRASES) {
            if (Collections.indexOfSubList(words, phrase) >= 0) {
                return true;
            }
        }
        String last = words.get(words.size() - 1);
        if (AS_LAST_WORD.contains(last)) {
            boolean fieldName = words.size() > 1 && FIELD_KEY_QUALIFIERS.contains(words.get(words.size() - 2));
            return !(fieldName && (last.equals("key") || last.equals("keys")));
        }
        if (words.contains("token") || words.contains("tokens")) {
            return words.stream().noneMatch(TOKEN_QUANTITIES::contains);
        }
        return false;
    }

    /**
     * Whether a dotted path runs through a secret key anywhere: {@code mcp_servers[0].api_key},
     * {@code credentials.pass}, {@code api_key.v} and {@code secrets.nvidia} all do.
     */
    static boolean isSecretPath(String path) {
        if (path == null) {
            return false;
        }
        int start = 0;
        while (start <= path.length()) {
            int dot = path.indexOf('.', start);
            int end = dot < 0 ? path.length() : dot;
            String segment = path.substring(start, end);
            int bracket = segment.indexOf('[');
            if (isSecretKey(bracket >= 0 ? segment.substring(0, bracket) : segment)) {
                return true;
            }
            if (dot < 0) {
                return false;
            }
            start = dot + 1;
        }
        return false;
    }

    private static List<String> words(String key) {
        String spaced = CAMEL_HUMP.matcher(key).replaceAll("_").toLowerCase(Locale.ROOT);
        return List.of(SEPARATOR.split(spaced)).stream().filter(word -> !word.isEmpty()).toList();
    }
}
