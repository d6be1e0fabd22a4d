package dev.aiq.agent.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns one request line of the control protocol into one reply line by calling {@link DevModeControl}: the whole
 * protocol, free of sockets. Never throws: every problem becomes {@code {"ok":false,"error":"..."}}. Internal.
 */
final class RequestDispatcher {

    /**
     * What to send back.
     *
     * @param line   the reply, one line of JSON without the line break
     * @param detach whether development mode is to stop once the reply has been sent
     */
    record Reply(String line, boolean detach) {
    }

    /** A request that cannot be served as written: its message is the reply's error. */
    private static final class BadRequest extends Exception {

        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    private final DevModeControl control;
    private final ObjectMapper json = ControlJson.mapper();

    RequestDispatcher(DevModeControl control) {
        this.control = control;
    }

    /** Serves one request line. */
    Reply handle(String line) {
        JsonNode request;
        try {
            request = json.readTree(line);
        } catch (JsonProcessingException e) {
            return new Reply(error("request is not valid JSON: " + e.getOriginalMessage()), false);
        }
        try {
            if (request == null || !request.isObject()) {
                throw new BadRequest("request must be a JSON object such as {\"op\":\"status\"}");
            }
            String op = request.path("op").asText("");
            if (op.equals("detach")) {
                // the reply must leave before the control closes this plane, so detaching waits for the flush
                return new Reply(ok(json.getNodeFactory().textNode("detaching")), true);
            }
            return new Reply(ok(json.valueToTree(serve(op, request))), false);
        } catch (BadRequest e) {
            return new Reply(error(e.getMessage()), false);
        } catch (Throwable e) {
            return new Reply(error(describe(e)), false);
        }
    }

    private Object serve(String op, JsonNode request) throws BadRequest {
        switch (op) {
            case "status":
                return control.status();
            default:
                return serve(op, request, config(request));
        }
    }

    private Object serve(String op, JsonNode request, ConfigControl control) throws BadRequest {
        switch (op) {
            case "reload":
                return control.reload(flag(request, "validateOnly"));
            case "validate":
                String file = optionalText(request, "file");
                return control.validate(file == null ? null : Path.of(file));
            case "diff":
                return control.diff(number(request, "from", 0), number(request, "to", 0));
            case "history":
                return control.history().stream().map(ControlJson.HistoryItem::of).toList();
            case "rollback":
                return control.rollback(Math.toIntExact(number(request, "steps", 1)));
            case "set":
                return control.set(requiredText(request, "path"), requiredText(request, "value"));
            case "unset":
                return control.unset(requiredText(request, "path"));
            case "clear":
                control.clearHistory();
                return "history cleared";
            case "":
                throw new BadRequest("request has no \"op\"; one of " + String.join(", ", ops()));
            default:
                throw new BadRequest("unknown op '" + op + "'; one of " + String.join(", ", ops()));
        }
    }

    /** The config a request names with {@code "config"} (a path or a substring of one), or the JVM's only one. */
    private ConfigControl config(JsonNode request) throws BadRequest {
        List<ConfigControl> configs = control.configs();
        String wanted = optionalText(request, "config");
        if (configs.isEmpty()) {
            throw new BadRequest("development mode is waiting for the config provider's first call");
        }
        if (wanted == null) {
            if (configs.size() == 1) {
                return configs.get(0);
            }
            throw new BadRequest("this JVM has " + configs.size() + " configs; name one with --config: " + names(configs));
        }
        List<ConfigControl> matching = new java.util.ArrayList<>();
        for (ConfigControl c : configs) {
            String file = c.configFile() == null ? "" : c.configFile().toString();
            if (file.equals(wanted) || c.name().equals(wanted)) {
                return c;
            }
            if (file.contains(wanted)) {
                matching.add(c);
            }
        }
        if (matching.size() == 1) {
            return matching.get(0);
        }
        throw new BadRequest((matching.isEmpty() ? "no config matches '" : "several configs match '") + wanted + "': "
                + names(matching.isEmpty() ? configs : matching));
    }

    private static String names(List<ConfigControl> configs) {
        List<String> names = new java.util.ArrayList<>();
        for (ConfigControl c : configs) {
            names.add(c.configFile() == null ? c.name() : c.configFile().toString());
        }
        return String.join(", ", names);
    }

    /** Every op the protocol knows. */
    static List<String> ops() {
        return List.of("status", "reload", "validate", "diff", "history", "rollback", "set", "unset", "clear",
                "detach");
    }

    private static boolean flag(JsonNode request, String name) throws BadRequest {
        JsonNode node = request.get(name);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new BadRequest("\"" + name + "\" must be true or false");
        }
        return node.booleanValue();
    }

    private static long number(JsonNode request, String name, long absent) throws BadRequest {
        JsonNode node = request.get(name);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new BadRequest("\"" + name + "\" must be an integer");
        }
        return node.longValue();
    }

    private static String optionalText(JsonNode request, String name) throws BadRequest {
        JsonNode node = request.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw new BadRequest("\"" + name + "\" must be a string");
        }
        return node.asText();
    }

    private static String requiredText(JsonNode request, String name) throws BadRequest {
        String text = optionalText(request, name);
        if (text == null) {
            throw new BadRequest("\"" + request.path("op").asText() + "\" needs \"" + name + "\"");
        }
        return text;
    }

    private String ok(JsonNode result) {
        ObjectNode reply = json.createObjectNode().put("ok", true);
        reply.set("result", result);
        return reply.toString();
    }

    private String error(String message) {
        return json.createObjectNode().put("ok", false).put("error", oneLine(message)).toString();
    }

    /** The exception as one line: its message, or its type when it has none. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
