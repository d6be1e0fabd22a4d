package dev.aiq.agent.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The one masking rule: secret names at any depth, credential-looking values, messages and command lines. */
class MaskingTest {

    private static final String SECRET = SecretCorpus.SK;

    @ParameterizedTest
    @ValueSource(strings = {"api_key", "apiKey", "NVIDIA_API_KEY", "key", "access_key", "aws_access_key_id",
            "passphrase", "pwd", "password", "db_pass", "pass", "auth", "basic_auth", "session_cookie", "hf_tokens",
            "HF_TOKEN", "token", "secrets", "client_secret", "credentials", "private_key", "Authorization",
            "api_key_file", "github_pat", "refresh_token", "x-api-key"})
    void secretNames(String key) {
        assertThat(Masking.isSecretKey(key)).as(key).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"max_tokens", "maxTokens", "max_new_tokens", "tokenizer", "keyword", "output_key",
            "input_key", "sort_key", "model_name", "temperature", "base_url", "passes", "bypass", "token_limit",
            "prompt_tokens", "_type", "llm_name", "keys_to_keep_count"})
    void innocentNames(String key) {
        assertThat(Masking.isSecretKey(key)).as(key).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mcp_servers[0].api_key", "credentials.pass", "secrets.nvidia", "api_key.v",
            "llms.nim.api_key", "headers.0.authorization", "a.b.password.c[3].d"})
    void secretPathsAtAnyDepth(String path) {
        assertThat(Masking.isSecretPath(path)).as(path).isTrue();
        assertThat(Masking.render(path, SECRET)).isEqualTo(Masking.MASK);
    }

    @Test
    void renderMasksEverySecretInsideAMapOrList() {
        Map<String, Object> tree = SecretCorpus.tree();

        String shown = Masking.render("", tree);

        assertThat(shown).doesNotContain("LIVE", "hunter2", "nvapi-", "PASSWORD9", "abcdef123");
        assertThat(shown).contains("temperature=0.2", "max_tokens=512", "https://user:****@example.com/x");
    }

    @Test
    void maskedCopyKeepsShapeAndInnocentValues() {
        Object masked = Masking.masked(SecretCorpus.tree());

        assertThat(masked).isInstanceOf(Map.class);
        Map<?, ?> llm = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) masked).get("llms")).get("nim");
        assertThat(llm.get("api_key")).isEqualTo(Masking.MASK);
        assertThat(llm.get("temperature")).isEqualTo(0.2);
        assertThat(String.valueOf(masked)).doesNotContain("LIVE", "hunter2", "nvapi-", "PASSWORD9", "abcdef123");
    }

    @Test
    void credentialLookingValuesAreMaskedUnderAnyKey() {
        assertThat(Masking.render("headers.value", "Bearer abcdef123")).isEqualTo("Bearer ****");
        assertThat(Masking.render("note", "use " + SECRET + " here")).isEqualTo("use **** here");
        assertThat(Masking.render("u", "nvapi-AbCdEf0123456789")).isEqualTo("****");
        assertThat(Masking.render("url", "https://bob:s3cr%40t@host:8443/p")).isEqualTo("https://bob:****@host:8443/p");
        assertThat(Masking.render("h", "Basic dXNlcjpwYXNz")).isEqualTo("Basic ****");
        assertThat(Masking.render("prose", "Basic Authentication is off")).isEqualTo("Basic Authentication is off");
        assertThat(Masking.render("model", "meta/llama-3.1-70b-instruct")).isEqualTo("meta/llama-3.1-70b-instruct");
    }

    @Test
    void secretEnvironmentValuesAreMaskedButWorkingDirectoriesAndPathsAreNot() {
        CredentialText credentials = CredentialText.withEnvironment(java.util.Map.of("NVIDIA_API_KEY", "abc123secret",
                "PWD", "/work/app", "OLDPWD", "elsewhere-dir", "GOOGLE_APPLICATION_CREDENTIALS", "/etc/key.json"));

        assertThat(credentials.mask("file://abc123secret in /work/app, elsewhere-dir, /etc/key.json", "****"))
                .isEqualTo("file://**** in /work/app, elsewhere-dir, /etc/key.json");
    }

    @Test
    void renderedValuesAreCut() {
        String shown = Masking.render("prompt", "x".repeat(1_000_000));

        assertThat(shown).hasSizeLessThan(Masking.MAX_RENDERED_CHARACTERS + 40).endsWith("(1000000 characters)");
    }

    @Test
    void deepTreesRenderWithoutExhaustingTheStack() {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> node = root;
        for (int i = 0; i < 10_000; i++) {
            Map<String, Object> child = new LinkedHashMap<>();
            node.put("k", child);
            node = child;
        }
        assertThat(Masking.render("", root)).contains("…");
        assertThat(Masking.configHash(root)).hasSize(64);
    }

    @Test
    void quotedValuesAreCutEscapedAndMasked() {
        assertThat(Masking.quote("llms.x.api_key", SECRET)).isEqualTo(Masking.MASK);
        assertThat(Masking.quote("llms.x.model", "a\u001b]0;title\u0007\nforged")).isEqualTo(
                "'a\\u001b]0;title\\u0007\\nforged'");
        assertThat(Masking.quote("p", "y".repeat(200))).isEqualTo("'" + "y".repeat(60) + "… (200 characters)'");
        assertThat(Masking.quote("p", "key is " + SECRET)).isEqualTo("'key is ****'");
    }

    @Test
    void textEscapesControlsAndBidiOverrides() {
        assertThat(Masking.text("ok\r\n\u009b31m\u202eevil")).isEqualTo("ok\\r\\n\\u009b31m\\u202eevil");
        assertThat(Masking.text("plain")).isEqualTo("plain");
    }

    @Test
    void describeNamesTypesOnly() {
        assertThat(Masking.describe(SECRET)).isEqualTo("a string");
        assertThat(Masking.describe(3)).isEqualTo("an integer");
        assertThat(Masking.describe(0.5)).isEqualTo("a float");
        assertThat(Masking.describe(true)).isEqualTo("a boolean");
        assertThat(Masking.describe(List.of())).isEqualTo("a list");
        assertThat(Masking.describe(Map.of())).isEqualTo("a map");
    }

    @Test
    void commandLinesMaskOverridesOptionsAssignmentsAndCredentials() {
        String shown = Masking.commandLine("com.acme.App --override llms.x.api_key " + SECRET
                + " --override llms.x.temperature 0.3 --api-key hunter2xyz -Dnim.password=PASSWORD9 "
                + "-javaagent:aiq-dev.jar=config=c.yaml,override=llms.x.api_key=abcdef123,delay=1 "
                + "--url https://u:pw12345@h/ set 42 secrets.x plain-secret-text");

        assertThat(shown).doesNotContain("LIVE", "hunter2", "PASSWORD9", "abcdef123", "pw12345", "plain-secret");
        assertThat(shown).contains("--override llms.x.api_key ****", "--override llms.x.temperature 0.3",
                "--api-key ****", "-Dnim.password=****", "config=c.yaml,override=llms.x.api_key=****,delay=1",
                "https://u:****@h/");
    }

    @Test
    void commandLineControlsAreEscaped() {
        assertThat(Masking.commandLine("App \u001b[2J")).isEqualTo("App \\u001b[2J");
    }

    @Test
    void configHashIgnoresSecretsButSeesOtherChanges() {
        Map<String, Object> one = SecretCorpus.tree();
        Map<String, Object> otherSecret = SecretCorpus.tree();
        nim(otherSecret).put("api_key", "sk-other-0000000000");
        Map<String, Object> otherTemperature = SecretCorpus.tree();
        nim(otherTemperature).put("temperature", 0.9);

        assertThat(Masking.configHash(one)).isEqualTo(Masking.configHash(otherSecret))
                .isNotEqualTo(Masking.configHash(otherTemperature));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> nim(Map<String, Object> tree) {
        return (Map<String, Object>) ((Map<String, Object>) tree.get("llms")).get("nim");
    }
}
