package dev.aiq.agent.reload;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns what the app's code threw into the one line a developer needs: the most specific message of the cause chain,
 * with the nearest outer message that adds something as context. Frameworks wrap their reasons ({@code ADK}:
 * {@code ConfigurationException("Failed to create agent from config: a.yaml")} around an
 * {@code InvocationTargetException} around {@code IllegalArgumentException("Agent instruction is required")}); the
 * wrapper's text alone would say the same for every mistake. Internal.
 */
public final class Reasons {

    private static final int MAX_CHAIN = 32;

    private Reasons() {
    }

    /**
     * {@code Agent instruction is required (Failed to create agent from config: /app/a.yaml)}: the most specific
     * message, then in parentheses the nearest outer one that adds something; a message that starts with a dotted
     * key path keeps it first, so the engine can put the key's file position in front.
     */
    public static String of(Throwable thrown) {
        List<String> messages = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable innermost = thrown;
        for (Throwable t = thrown; t != null && seen.put(t, Boolean.TRUE) == null && seen.size() <= MAX_CHAIN; t = t.getCause()) {
            innermost = t;
            if (isWrapper(t)) {
                continue;
            }
            String message = firstLine(t.getMessage());
            Throwable cause = t.getCause();
            if (message.isEmpty() || cause != null && (message.equals(cause.toString())
                    || message.equals(firstLine(cause.getMessage())))) {
                continue;   // a wrapper that only repeats its cause
            }
            messages.add(message);
        }
        if (messages.isEmpty()) {
            return innermost == null ? "unknown error" : innermost.getClass().getSimpleName();
        }
        String specific = messages.get(messages.size() - 1);
        if (messages.size() == 1) {
            return specific;
        }
        String context = messages.get(messages.size() - 2);
        return context.contains(specific) ? context : specific + " (" + context + ")";
    }

    private static boolean isWrapper(Throwable t) {
        return t instanceof InvocationTargetException || t instanceof UndeclaredThrowableException
                || t instanceof ExecutionException || t instanceof CompletionException
                || t instanceof ExceptionInInitializerError && t.getCause() != null;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.strip().lines().findFirst().orElse("").strip();
    }
}
