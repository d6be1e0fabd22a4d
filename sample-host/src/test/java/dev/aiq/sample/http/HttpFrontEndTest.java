package dev.aiq.sample.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiq.api.ConfigOverrides;
import dev.aiq.sample.config.ConfigLoader;
import dev.aiq.sample.config.WorkflowConfig;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.Http;
import dev.aiq.sample.workflow.Workflow;
import dev.aiq.sample.workflow.WorkflowBuilder;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpFrontEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final AtomicReference<Workflow> live = new AtomicReference<>();
    private HttpFrontEnd frontEnd;
    private int port;

    @BeforeEach
    void start() throws Exception {
        Path config = ConfigDir.in(temp).copyResource("reference-configs/04_simple_auth_fastapi_frontend.yml");
        WorkflowConfig workflowConfig = ConfigLoader.load(config, ConfigOverrides.ofPairs(List.of(
                "llms.nim_llm.temperature", "0.4", "llms.nim_llm.api_key", "nvapi-secret",
                // Unset in the environment, ${NAT_OAUTH_CLIENT_SECRET} reads as null (as in the toolkit): give it one.
                "authentication.test_auth_provider.client_secret", "oauth-secret")));
        live.set(new WorkflowBuilder(Clock.systemUTC()).build(workflowConfig));
        frontEnd = new HttpFrontEnd(live::get, () -> 7, Duration.ofSeconds(5));
        frontEnd.listenOn("127.0.0.1", 0);
        port = frontEnd.port();
    }

    @AfterEach
    void stop() {
        frontEnd.close();
    }

    @Test
    void healthReportsTheGeneration() throws Exception {
        Http.Response response = Http.get(port, "/health");

        assertThat(response.status()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"status\":\"ok\",\"generation\":7}"));
    }

    @Test
    void configShowsTheEffectiveConfigWithSecretsMasked() throws Exception {
        Http.Response response = Http.get(port, "/config");

        assertThat(response.status()).isEqualTo(200);
        JsonNode config = JSON.readTree(response.body());
        assertThat(config.at("/llms/nim_llm/temperature").asDouble()).isEqualTo(0.4);
        assertThat(config.at("/llms/nim_llm/api_key").asText()).isEqualTo("****");
        assertThat(config.at("/authentication/test_auth_provider/client_secret").asText()).isEqualTo("****");
        assertThat(config.at("/authentication/test_auth_provider/token_url").asText())
                .isEqualTo("http://localhost:5001/oauth/token");
        assertThat(config.at("/workflow/_type").asText()).isEqualTo("react_agent");
        assertThat(config.at("/general/front_end/_type").asText()).isEqualTo("fastapi");
        assertThat(config.at("/general").has("testing")).isFalse();
        assertThat(response.body()).doesNotContain("nvapi-secret").doesNotContain("oauth-secret");
    }

    @Test
    void generateAnswersWithTheLiveWorkflow() throws Exception {
        Http.Response response = Http.post(port, "/generate", "{\"input_message\": \"Who am I?\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("value").asText())
                .isEqualTo(live.get().answer("Who am I?"))
                .startsWith("[nim_llm nim meta/llama-3.1-70b-instruct temperature=0.4]");
    }

    @Test
    void generateRejectsABodyThatIsNotJson() throws Exception {
        Http.Response response = Http.post(port, "/generate", "{input_message: ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").asText()).startsWith("the request body is not valid JSON");
    }

    @Test
    void generateRejectsARequestWithoutInputMessage() throws Exception {
        assertThat(Http.post(port, "/generate", "{\"message\": \"Hi\"}"))
                .isEqualTo(new Http.Response(400, "{\"error\":\"missing field 'input_message'\"}"));
        assertThat(Http.post(port, "/generate", "{\"input_message\": 42}"))
                .isEqualTo(new Http.Response(400, "{\"error\":\"field 'input_message' must be a string\"}"));
        assertThat(Http.post(port, "/generate", "[\"Hi\"]").status()).isEqualTo(400);
        assertThat(Http.post(port, "/generate", "").status()).isEqualTo(400);
    }

    @Test
    void anUnknownPathIsNotFound() {
        assertThat(Http.get(port, "/nope")).isEqualTo(new Http.Response(404, "{\"error\":\"no such path: /nope\"}"));
    }

    @Test
    void theWrongMethodIsNotAllowed() {
        assertThat(Http.post(port, "/health", "{}").status()).isEqualTo(405);
        assertThat(Http.send(port, "DELETE", "/config", null).status()).isEqualTo(405);
        assertThat(Http.get(port, "/generate"))
                .isEqualTo(new Http.Response(405, "{\"error\":\"GET is not allowed here; use POST\"}"));
    }

    @Test
    void aFailingWorkflowIsAServerError() {
        live.set(new Workflow() {
            @Override
            public WorkflowConfig config() {
                throw new UnsupportedOperationException();
            }

            @Override
            public String answer(String question) {
                throw new IllegalStateException("boom");
            }
        });

        assertThat(Http.post(port, "/generate", "{\"input_message\": \"Hi\"}"))
                .isEqualTo(new Http.Response(500, "{\"error\":\"the workflow failed: boom\"}"));
        assertThat(Http.get(port, "/health").status()).isEqualTo(200);
    }

    @Test
    void listeningWhereItAlreadyListensChangesNothing() throws Exception {
        assertThat(frontEnd.listenOn("127.0.0.1", 0)).isFalse();
        assertThat(frontEnd.port()).isEqualTo(port);
    }

    @Test
    void movesToANewPortAndReleasesTheOldOne() throws Exception {
        int newPort = freePort();

        assertThat(frontEnd.listenOn("127.0.0.1", newPort)).isTrue();

        assertThat(frontEnd.port()).isEqualTo(newPort);
        assertThat(frontEnd.url()).isEqualTo("http://127.0.0.1:" + newPort);
        assertThat(Http.get(newPort, "/health").status()).isEqualTo(200);
        assertThat(Http.isServing(port)).isFalse();
    }

    @Test
    void staysWhereItWasWhenTheNewPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> frontEnd.listenOn("127.0.0.1", taken.getLocalPort()))
                    .isInstanceOf(BindException.class);
        }

        assertThat(frontEnd.port()).isEqualTo(port);
        assertThat(Http.get(port, "/health").status()).isEqualTo(200);
    }

    @Test
    void staysWhereItWasWhenTheNewHostIsNotALocalAddress() {
        // 192.0.2.1 is TEST-NET-1: never assigned to a local interface, and no DNS lookup is needed.
        assertThatThrownBy(() -> frontEnd.listenOn("192.0.2.1", 0)).isInstanceOf(IOException.class);

        assertThat(frontEnd.url()).isEqualTo("http://127.0.0.1:" + port);
        assertThat(Http.get(port, "/health").status()).isEqualTo(200);
    }

    @Test
    void closingStopsServing() {
        frontEnd.close();

        assertThat(Http.isServing(port)).isFalse();
        assertThatThrownBy(() -> frontEnd.listenOn("127.0.0.1", 0)).isInstanceOf(IllegalStateException.class);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
