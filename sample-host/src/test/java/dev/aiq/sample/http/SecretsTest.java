package dev.aiq.sample.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"api_key", "password", "token", "secret", "client_secret", "authorization",
            "API_KEY", "nvidia_api_key", "access_token", "db_password"})
    void secretLookingKeysAreSecret(String key) {
        assertThat(Secrets.isSecret(key)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"token_url", "authorization_url", "token_endpoint_auth_method", "model_name", "secrets_dir",
            "tokenizer"})
    void keysThatOnlyMentionASecretAreNot(String key) {
        assertThat(Secrets.isSecret(key)).isFalse();
    }

    @Test
    void masksSecretsAtAnyDepthAndLeavesTheRest() throws Exception {
        String json = "{\"llms\":{\"a\":{\"api_key\":\"k\",\"model\":\"m\"}},"
                + "\"list\":[{\"password\":{\"nested\":1}}],\"token\":null}";

        assertThat(Secrets.masked(JSON.readTree(json))).isEqualTo(JSON.readTree(
                "{\"llms\":{\"a\":{\"api_key\":\"****\",\"model\":\"m\"}},"
                        + "\"list\":[{\"password\":\"****\"}],\"token\":null}"));
    }
}
