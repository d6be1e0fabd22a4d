package dev.aiq.sample.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Blocking HTTP calls to a front end on {@code 127.0.0.1}, for tests. */
public final class Http {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Http() {
    }

    /**
     * A response: its status code and body.
     *
     * @param status the HTTP status code
     * @param body   the body as text
     */
    public record Response(int status, String body) {
    }

    /** Sends {@code GET path}. */
    public static Response get(int port, String path) {
        return send(port, "GET", path, null);
    }

    /** Sends {@code POST path} with a JSON body. */
    public static Response post(int port, String path, String json) {
        return send(port, "POST", path, json);
    }

    /**
     * Sends any request.
     *
     * @param body the JSON body, or null for none
     * @throws UncheckedIOException if the request fails, for example because nothing listens on {@code port}
     */
    public static Response send(int port, String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + request.uri(), e);
        }
    }

    /** Tells whether something answers HTTP on {@code port}. */
    public static boolean isServing(int port) {
        try {
            get(port, "/health");
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }
}
