package dev.aiq.agent.reload;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Decides which keys look secret and masks their values, everywhere the agent shows a value. Internal. */
public final class Secrets {

    /** What a masked value shows. */
    public static final String MASK = "****";

    /**
     * Secret words, as runs of whole words of a key ({@code nvidia_api_key}, {@code apiKey}, {@code HF_TOKEN}).
     * Whole words, because {@code max_tokens} or {@code tokenizer} in an LLM config hold no secret; so "tokens" is
     * not among them, while the other plurals are.
     */
    private static final List<List<String>> WORDS = List.of(List.of("api", "key"), List.of("api", "keys"),
            List.of("apikey"), List.of("password"), List.of("passwords"), List.of("passwd"), List.of("token"),
            List.of("secret"), List.of("secrets"), List.of("authorization"), List.of("credential"),
            List.of("credentials"), List.of("private", "key"));
    private static final Pattern CAMEL_HUMP = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern SEPARATOR = Pattern.compile("[_\\-\\s]+");

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
        List<String> words = List.of(SEPARATOR.split(CAMEL_HUMP.matcher(key).replaceAll("_").toLowerCase(Locale.ROOT)));
        for (List<String> secret : WORDS) {
            if (Collections.indexOfSubList(words, secret) >= 0) {
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
