package dev.aiq.agent.mask;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one masking rule of aiq-dev, for everything the agent or the CLI shows: console lines, diffs, status,
 * history, errors, {@code list}, CLI headers, JSON replies and the MXBean.
 *
 * <ul>
 *   <li>Everything under a secret-named key is masked, at any depth, through lists and maps
 *       ({@code mcp_servers[0].api_key}, {@code credentials.pass}, {@code api_key.v}); the names are words such as
 *       password, pwd, passphrase, secret, token (not {@code max_tokens}), key (not {@code output_key}), auth,
 *       cookie, credential, api key, access key.</li>
 *   <li>Text that looks like a credential is masked wherever it appears ({@code sk-…}, {@code nvapi-…},
 *       {@code Bearer …}, the password of {@code https://user:PASS@host}, the value of a secret-named environment
 *       variable).</li>
 *   <li>Messages name paths and types ({@link #describe}); other values are quoted cut to 60 characters and escaped
 *       ({@link #quote}).</li>
 *   <li>A command line's secrets are masked ({@link #commandLine}).</li>
 * </ul>
 *
 * <p>Every method is thread-safe, never throws on any input, and accepts null where a value may be null. Internal.
 */
public final class Masking {

    /** What a masked value shows. */
    public static final String MASK = "****";

    /** Longest rendering of one value in a diff or a reply; longer ones are cut and say how long they were. */
    public static final int MAX_RENDERED_CHARACTERS = 4_096;

    /** Deepest tree rendered; deeper levels show as {@code …}, so a pathological tree cannot exhaust the stack. */
    private static final int MAX_RENDERED_DEPTH = 64;

    private static final CredentialText CREDENTIALS = CredentialText.withEnvironment(System.getenv());

    private Masking() {
    }

    /** Whether one key (not a path) names a secret. */
    public static boolean isSecretKey(String key) {
        return SecretNames.isSecretKey(key);
    }

    /** Whether a dotted path ({@code a.b[0].c}) runs through a secret-named key anywhere. */
    public static boolean isSecretPath(String path) {
        return SecretNames.isSecretPath(path);
    }

    /** Whether {@code text} contains anything that looks like a credential. */
    public static boolean looksLikeCredential(String text) {
        return text != null && CREDENTIALS.containsCredential(text);
    }

    /**
     * Renders the value at {@code path} for display: {@value #MASK} when the path is secret, otherwise the value with
     * every secret inside it masked (keys at any depth, credential-looking text), cut to
     * {@value #MAX_RENDERED_CHARACTERS} characters. Control characters are left to the printer ({@link #quote} and
     * the CLI escape them), so a diff keeps the value's own text.
     */
    public static String render(String path, Object value) {
        if (value == null) {
            return "null";
        }
        if (isSecretPath(path)) {
            return MASK;
        }
        String text = value instanceof String s ? CREDENTIALS.mask(s, MASK) : String.valueOf(masked(value));
        return text.length() <= MAX_RENDERED_CHARACTERS ? text
                : text.substring(0, MAX_RENDERED_CHARACTERS) + "… (" + text.length() + " characters)";
    }

    /**
     * A copy of a config tree (maps, lists, scalars) with every value under a secret key replaced by {@value #MASK}
     * and credential-looking strings masked; scalars that are not strings are kept as they are.
     */
    public static Object masked(Object tree) {
        return masked(tree, 0);
    }

    /**
     * {@code text} with control characters, line separators and bidirectional overrides escaped ({@code \n},
     * {@code \\u001b}): it stays one line and cannot drive a terminal.
     */
    public static String escape(String text) {
        return Quoting.escape(text);
    }

    /** Whether {@code c} must be escaped before it reaches a terminal (see {@link #escape}). */
    public static boolean isUnsafe(char c) {
        return Quoting.isUnsafe(c);
    }

    /** {@code text} with credential-looking parts masked and control characters escaped: safe to log or print. */
    public static String text(String text) {
        return text == null ? null : Quoting.escape(CREDENTIALS.mask(text, MASK));
    }

    /**
     * A value as a message may quote it: {@code 'value'} cut to 60 characters and escaped, credential-looking text
     * masked; {@value #MASK} when {@code path} is secret.
     */
    public static String quote(String path, Object value) {
        if (value == null) {
            return "null";
        }
        if (isSecretPath(path)) {
            return MASK;
        }
        String text = value instanceof String s ? s : String.valueOf(value);
        return "'" + Quoting.cut(CREDENTIALS.mask(text, MASK), Quoting.QUOTED_CHARACTERS) + "'";
    }

    /** What a message says a value is, by type only: {@code a string}, {@code an integer}, {@code a map}, .... */
    public static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof BigInteger
                || value instanceof Short || value instanceof Byte) {
            return "an integer";
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return "a float";
        }
        if (value instanceof Map) {
            return "a map";
        }
        if (value instanceof List) {
            return "a list";
        }
        return value instanceof CharSequence ? "a string" : "a " + value.getClass().getSimpleName();
    }

    /** A command line as {@code list} and CLI headers show it: secrets masked, control characters escaped. */
    public static String commandLine(String commandLine) {
        if (commandLine == null || commandLine.isEmpty()) {
            return commandLine;
        }
        return Quoting.escape(String.join(" ", commandLine(List.of(commandLine.split(" ", -1)))));
    }

    /** Command-line arguments with their secrets masked (see {@link #commandLine(String)}); not escaped. */
    public static List<String> commandLine(List<String> arguments) {
        return CommandLineMasking.mask(arguments, CREDENTIALS);
    }

    /**
     * The SHA-256 (hex) of a config tree with its secrets masked: identifies the non-secret content for
     * {@code status} and {@code history} without letting anyone test a guess of a secret against it.
     */
    public static String configHash(Object tree) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        StringBuilder canonical = new StringBuilder();
        appendCanonical(canonical, masked(tree));
        return HexFormat.of().formatHex(sha.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static Object masked(Object value, int depth) {
        if (depth > MAX_RENDERED_DEPTH) {
            return "…";
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, child) -> copy.put(key, isSecretPath(String.valueOf(key)) ? MASK
                    : masked(child, depth + 1)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(masked(item, depth + 1)));
            return copy;
        }
        return value instanceof String s ? CREDENTIALS.mask(s, MASK) : value;
    }

    /** Type-tagged, length-prefixed, so different trees never render alike. */
    private static void appendCanonical(StringBuilder out, Object value) {
        if (value instanceof Map<?, ?> map) {
            out.append('{').append(map.size()).append(':');
            map.forEach((key, child) -> {
                appendString(out, String.valueOf(key));
                appendCanonical(out, child);
            });
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[').append(list.size()).append(':');
            list.forEach(item -> appendCanonical(out, item));
            out.append(']');
        } else if (value instanceof String s) {
            out.append('s');
            appendString(out, s);
        } else {
            out.append(value == null ? "n" : value.getClass().getSimpleName().charAt(0) + String.valueOf(value))
                    .append(';');
        }
    }

    private static void appendString(StringBuilder out, String text) {
        out.append(text.length()).append(':').append(text);
    }
}
