package dev.aiq.agent.mask;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds text that looks like a credential wherever it appears, whatever key holds it: provider keys ({@code sk-…},
 * {@code nvapi-…}, {@code hf_…}, {@code ghp_…}, {@code AKIA…}, JSON web tokens), the token of an
 * {@code Authorization} scheme ({@code Bearer …}, {@code Basic …}), the password of a URL's user-info
 * ({@code https://user:PASS@host}), and the values of this process's secret-named environment variables. Internal.
 */
final class CredentialText {

    /** Values shorter than this are not looked for in text: too likely to match innocent words. */
    private static final int MIN_ENVIRONMENT_SECRET = 8;

    private static final java.util.Set<String> NOT_SECRET_VARIABLES = java.util.Set.of("PWD", "OLDPWD");

    private static final Pattern TOKEN = Pattern.compile(
            "(?<![A-Za-z0-9])(?:sk-(?:ant-|proj-|live-|test-)?[A-Za-z0-9_\\-]{6,}"
                    + "|nvapi-[A-Za-z0-9_\\-]{6,}"
                    + "|hf_[A-Za-z0-9]{10,}"
                    + "|gh[pousr]_[A-Za-z0-9]{10,}|github_pat_[A-Za-z0-9_]{10,}"
                    + "|xox[abposr]-[A-Za-z0-9\\-]{6,}"
                    + "|(?:AKIA|ASIA)[A-Z0-9]{12,}"
                    + "|AIza[A-Za-z0-9_\\-]{20,}"
                    + "|eyJ[A-Za-z0-9_\\-]{6,}\\.[A-Za-z0-9_\\-]{6,}\\.[A-Za-z0-9_\\-]*)");
    /** {@code Bearer xyz}: the scheme stays, the token goes. */
    private static final Pattern BEARER = Pattern.compile("(?i)(?<![A-Za-z0-9])(bearer\\s+)([^\\s\"',;]{4,})");
    /** {@code Basic dXNlcjpwYXNz}: base64 with a capital or digit past its first letter, so prose is left alone. */
    private static final Pattern BASIC = Pattern.compile(
            "(?<![A-Za-z0-9])(Basic\\s+)([A-Za-z0-9+/](?=[a-z]{0,512}[A-Z0-9+/])[A-Za-z0-9+/]{7,}+={0,2})");
    /** {@code scheme://user:password@host}: the user stays, the password goes. Bounded, so it stays linear. */
    private static final Pattern URL_USER_INFO = Pattern.compile(
            "(?<![A-Za-z0-9+.\\-])([A-Za-z][A-Za-z0-9+.\\-]{0,31}+://[^\\s:/@]{0,256}+:)([^\\s@/]{1,256}+)(@)");

    private final List<String> environmentSecrets;

    private CredentialText(List<String> environmentSecrets) {
        this.environmentSecrets = environmentSecrets;
    }

    /**
     * A finder that also masks the values of the secret-named variables of {@code environment}; not the working
     * directories ({@code PWD}, whose name only looks like a password's) nor values that are absolute paths (a
     * credentials file's path, such as {@code GOOGLE_APPLICATION_CREDENTIALS}, is no secret and appears in messages).
     */
    static CredentialText withEnvironment(Map<String, String> environment) {
        List<String> values = new ArrayList<>();
        environment.forEach((name, value) -> {
            if (value != null && value.length() >= MIN_ENVIRONMENT_SECRET && !value.startsWith("/")
                    && !NOT_SECRET_VARIABLES.contains(name) && SecretNames.isSecretKey(name)) {
                values.add(value);
            }
        });
        // longest first, so that a value containing another is masked whole
        values.sort(Comparator.comparingInt(String::length).reversed());
        return new CredentialText(List.copyOf(values));
    }

    /** Whether {@code text} contains anything that looks like a credential. */
    boolean containsCredential(String text) {
        return !mask(text).equals(text);
    }

    /** {@code text} with every credential-looking part replaced by {@code mask}. */
    String mask(String text, String mask) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : environmentSecrets) {
            if (masked.contains(secret)) {
                masked = masked.replace(secret, mask);
            }
        }
        masked = replace(URL_USER_INFO, masked, "$1" + Matcher.quoteReplacement(mask) + "$3");
        masked = replace(BEARER, masked, "$1" + Matcher.quoteReplacement(mask));
        masked = replace(BASIC, masked, "$1" + Matcher.quoteReplacement(mask));
        return replace(TOKEN, masked, Matcher.quoteReplacement(mask));
    }

    private String mask(String text) {
        return mask(text, Masking.MASK);
    }

    private static String replace(Pattern pattern, String text, String replacement) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.replaceAll(replacement) : text;
    }
}
