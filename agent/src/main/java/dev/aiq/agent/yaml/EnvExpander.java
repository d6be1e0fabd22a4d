package dev.aiq.agent.yaml;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in a string from an environment map. Internal.
 *
 * <p>Rules: a name is a letter or underscore followed by letters, digits or underscores; {@code :-} takes the default
 * when the variable is unset or empty; an unset variable without a default becomes the empty string and is reported
 * to the caller; {@code $${VAR}} is an escape that yields the literal text {@code ${VAR}}; anything else that is not
 * such a reference ({@code $VAR}, {@code ${}}, an unclosed {@code ${}) is kept as written. The result is never read as
 * YAML again.
 */
final class EnvExpander {

    private final Map<String, String> env;

    EnvExpander(Map<String, String> env) {
        this.env = env;
    }

    /**
     * Returns {@code text} with every reference replaced; calls {@code unset} with the name of every variable that is
     * not set and has no default.
     */
    String expand(String text, Consumer<String> unset) {
        int dollar = text.indexOf('$');
        if (dollar < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, dollar);
        int i = dollar;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
            } else if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                i = reference(text, i, out, unset);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Expands the reference at {@code start} into {@code out} and returns the index after it. */
    private int reference(String text, int start, StringBuilder out, Consumer<String> unset) {
        int close = text.indexOf('}', start + 2);
        if (close < 0) {
            out.append("${");
            return start + 2;
        }
        String body = text.substring(start + 2, close);
        int split = body.indexOf(":-");
        String name = split < 0 ? body : body.substring(0, split);
        if (!isName(name)) {
            out.append("${");
            return start + 2;
        }
        String value = env.get(name);
        if (split >= 0) {
            out.append(value == null || value.isEmpty() ? body.substring(split + 2) : value);
        } else if (value != null) {
            out.append(value);
        } else {
            unset.accept(name);
        }
        return close + 1;
    }

    private static boolean isName(String name) {
        if (name.isEmpty() || (name.charAt(0) >= '0' && name.charAt(0) <= '9')) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
