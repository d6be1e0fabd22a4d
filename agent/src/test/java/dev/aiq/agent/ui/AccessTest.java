package dev.aiq.agent.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server's door: the token once, then the cookie; another origin's request that changes something is refused. */
class AccessTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private UiServer server;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = UiServer.start(List::of, 0);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theTokenInTheAddressBecomesACookieAndLeavesTheAddress() throws Exception {
        HttpResponse<String> first = get(server.url(), null);

        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(first.headers().firstValue("Location")).hasValue("/");
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Strict");
        HttpResponse<String> page = get(base + "/", cookie.substring(0, cookie.indexOf(';')));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"/assets/app.js\">");
        assertThat(page.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void withoutTheTokenOrWithAWrongOneEverythingIs403() throws Exception {
        assertThat(get(base + "/", null).statusCode()).isEqualTo(403);
        assertThat(get(base + "/?token=wrong", null).statusCode()).isEqualTo(403);
        assertThat(get(base + "/api/jvms", Access.COOKIE + "=wrong").statusCode()).isEqualTo(403);
        assertThat(get(base + "/assets/app.css", null).statusCode()).isEqualTo(403);
    }

    @Test
    void aPostFromAnotherOriginIsRefusedEvenWithTheCookie() throws Exception {
        String cookie = get(server.url(), null).headers().firstValue("Set-Cookie").orElseThrow();
        HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/api/call"))
                .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).header("Origin", "http://evil.example")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"pid\":1,\"request\":{\"op\":\"status\"}}")).build();

        HttpResponse<String> reply = http.send(post, HttpResponse.BodyHandlers.ofString());

        assertThat(reply.statusCode()).isEqualTo(403);
        assertThat(reply.body()).contains("cross-origin request refused");
    }

    private HttpResponse<String> get(String url, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
