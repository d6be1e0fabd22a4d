package dev.aiq.agent.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.aiq.agent.control.ControlClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The page's JSON API: the JVMs, a control request passed on to one of them, its config's source files (read, and
 * saved only over what was loaded), and its outcomes as server-sent events. Internal.
 */
final class Api {

    /** The control operations the page may pass on; {@code detach} and {@code clear} are left to the command line. */
    private static final Set<String> PASSED_ON = Set.of("status", "show", "validate", "diff", "history", "rollback",
            "set", "unset", "reload");

    private final UiTargets targets;

    Api(UiTargets targets) {
        this.targets = targets;
    }

    void handle(HttpExchange exchange, String name) throws IOException {
        boolean post = exchange.getRequestMethod().equals("POST");
        switch (name) {
            case "jvms" -> jvms(exchange);
            case "call" -> {
                if (requirePost(exchange, post)) {
                    call(exchange);
                }
            }
            case "file" -> file(exchange);
            case "save" -> {
                if (requirePost(exchange, post)) {
                    save(exchange);
                }
            }
            case "events" -> new OutcomeFeed(target(Exchanges.query(exchange).get("pid"))).stream(exchange);
            default -> Exchanges.error(exchange, 404, "no such API: " + name);
        }
    }

    private static boolean requirePost(HttpExchange exchange, boolean post) throws IOException {
        if (!post) {
            Exchanges.error(exchange, 405, "use POST");
        }
        return post;
    }

    private void jvms(HttpExchange exchange) throws IOException {
        ArrayNode list = Exchanges.JSON.createArrayNode();
        for (UiTarget target : targets.list()) {
            list.addObject().put("pid", target.pid()).put("name", target.name());
        }
        Exchanges.json(exchange, 200, list);
    }

    /** {@code {"pid":N,"request":{"op":...}}}: the agent's reply as it sent it. */
    private void call(HttpExchange exchange) throws IOException {
        JsonNode body = Exchanges.body(exchange);
        JsonNode request = body.path("request");
        if (!request.isObject() || !PASSED_ON.contains(request.path("op").asText())) {
            Exchanges.error(exchange, 400, "request.op must be one of " + PASSED_ON);
            return;
        }
        UiTarget target = target(body.path("pid").asText());
        if (target == null) {
            Exchanges.error(exchange, 404, "no dev-mode JVM " + body.path("pid").asText());
            return;
        }
        try {
            Exchanges.json(exchange, 200, call(target, (ObjectNode) request));
        } catch (IOException e) {
            Exchanges.error(exchange, 502, "cannot reach aiq-dev in " + target.pid() + ": " + e.getMessage());
        }
    }

    private void file(HttpExchange exchange) throws IOException {
        Map<String, String> query = Exchanges.query(exchange);
        Path path = editable(exchange, query.get("pid"), query.get("config"), query.get("path"));
        if (path == null) {
            return;
        }
        try {
            Exchanges.json(exchange, 200, describe(SourceFile.read(path)));
        } catch (IOException e) {
            Exchanges.error(exchange, 422, "cannot read " + path + ": " + e.getMessage());
        }
    }

    /** {@code {"pid","config","path","text","sha256"}}: 409 when the file changed on disk since it was loaded. */
    private void save(HttpExchange exchange) throws IOException {
        JsonNode body = Exchanges.body(exchange);
        Path path = editable(exchange, body.path("pid").asText(), body.path("config").asText(null),
                body.path("path").asText());
        if (path == null) {
            return;
        }
        try {
            Exchanges.json(exchange, 200, describe(SourceFile.save(path, body.path("text").asText(),
                    body.path("sha256").asText())));
        } catch (SourceFile.Conflict e) {
            Exchanges.error(exchange, 409, e.getMessage());
        } catch (IOException e) {
            Exchanges.error(exchange, 422, "cannot save " + path + ": " + e.getMessage());
        }
    }

    /**
     * {@code path} when it is one of the files of the config's status (root, what the reader reached, nested calls'
     * files, watched files): the page edits those and nothing else. Else answers the refusal and returns null.
     */
    private Path editable(HttpExchange exchange, String pid, String config, String path) throws IOException {
        UiTarget target = target(pid);
        if (target == null || path == null) {
            Exchanges.error(exchange, 404, "no dev-mode JVM " + pid + " or no path");
            return null;
        }
        ObjectNode request = ControlClient.request("status");
        if (config != null) {
            request.put("config", config);
        }
        JsonNode reply;
        try {
            reply = call(target, request);
        } catch (IOException e) {
            Exchanges.error(exchange, 502, "cannot reach aiq-dev in " + target.pid() + ": " + e.getMessage());
            return null;
        }
        Set<String> files = new LinkedHashSet<>();
        for (JsonNode status : reply.path("result").path("configs")) {
            files.add(status.path("configFile").asText());
            status.path("watchedFiles").forEach(file -> files.add(file.asText()));
            status.path("dependencies").forEach(file -> files.add(file.asText()));
        }
        if (!files.contains(path)) {
            Exchanges.error(exchange, 403, path + " is not a file of this config; its files: " + files);
            return null;
        }
        return Path.of(path);
    }

    private static JsonNode call(UiTarget target, ObjectNode request) throws IOException {
        try (ControlClient client = ControlClient.connect(target.socket())) {
            return client.callAsSent(request);
        }
    }

    private static ObjectNode describe(SourceFile file) {
        return Exchanges.JSON.createObjectNode().put("path", file.path().toString()).put("text", file.text())
                .put("sha256", file.sha256());
    }

    private UiTarget target(String pid) {
        for (UiTarget target : targets.list()) {
            if (Long.toString(target.pid()).equals(pid)) {
                return target;
            }
        }
        return null;
    }
}
