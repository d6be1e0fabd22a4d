package dev.aiq.sample.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.aiq.sample.workflow.Workflow;
import java.io.IOException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Internal. The front end's routes: {@code GET /health}, {@code GET /config} (secrets masked) and
 * {@code POST /generate}. Every response is JSON; errors are {@code {"error": "..."}}.
 */
final class ApiHandler implements HttpHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<Workflow> workflow;
    private final LongSupplier generation;

    /**
     * Creates the routes.
     *
     * @param workflow   the live workflow, read once per request
     * @param generation the generation {@code /health} reports
     */
    ApiHandler(Supplier<Workflow> workflow, LongSupplier generation) {
        this.workflow = workflow;
        this.generation = generation;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (RuntimeException e) {
            send(exchange, 500, error("the workflow failed: " + e.getMessage()));
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/health" -> {
                if (allowed(exchange, "GET")) {
                    send(exchange, 200, JSON.createObjectNode().put("status", "ok")
                            .put("generation", generation.getAsLong()));
                }
            }
            case "/config" -> {
                if (allowed(exchange, "GET")) {
                    send(exchange, 200, Secrets.masked(JSON.valueToTree(workflow.get().config())));
                }
            }
            case "/generate" -> {
                if (allowed(exchange, "POST")) {
                    generate(exchange);
                }
            }
            default -> send(exchange, 404, error("no such path: " + path));
        }
    }

    private void generate(HttpExchange exchange) throws IOException {
        JsonNode request;
        try {
            request = JSON.readTree(exchange.getRequestBody());
        } catch (JacksonException e) {
            send(exchange, 400, error("the request body is not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse("")));
            return;
        }
        if (request == null || !request.isObject()) {
            send(exchange, 400, error("the request body must be a JSON object such as {\"input_message\": \"Hi\"}"));
            return;
        }
        JsonNode input = request.get("input_message");
        if (input == null || !input.isTextual()) {
            send(exchange, 400, error(input == null ? "missing field 'input_message'"
                    : "field 'input_message' must be a string"));
            return;
        }
        String answer = workflow.get().answer(input.asText());
        send(exchange, 200, JSON.createObjectNode().put("value", answer));
    }

    private boolean allowed(HttpExchange exchange, String method) throws IOException {
        if (method.equals(exchange.getRequestMethod())) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", method);
        send(exchange, 405, error(exchange.getRequestMethod() + " is not allowed here; use " + method));
        return false;
    }

    private static ObjectNode error(String reason) {
        return JSON.createObjectNode().put("error", reason);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
