package dev.aiq.agent.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiq.agent.mask.Masking;
import dev.aiq.agent.protocol.ErrorCode;
import dev.aiq.agent.protocol.JvmStatus;
import dev.aiq.agent.protocol.Operation;
import dev.aiq.agent.protocol.ProtocolJson;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Turns one request line of the control protocol into one reply line by calling {@link DevModeControl}: the whole
 * protocol, free of sockets. A per-config {@link Operation} goes to the config the request names
 * ({@link ConfigSelection}). Never throws: every problem becomes {@code {"ok":false,"error":"...","code":"..."}} with
 * an {@link ErrorCode}. Internal.
 */
final class RequestDispatcher {

    /**
     * What to send back.
     *
     * @param line   the reply, one line of JSON without the line break
     * @param detach whether development mode is to stop once the reply has been sent
     * @param follow for an accepted {@code follow}: what the connection follows from now on; else null
     */
    record Reply(String line, boolean detach, Follow follow) {

        Reply(String line, boolean detach) {
            this(line, detach, null);
        }
    }

    /** What a {@code follow} asked for: the outcomes of {@code config}, or of every config when it is null. */
    record Follow(ConfigControl config) {
    }

    /** A request that cannot be served as written: its message is the reply's error. */
    private static final class BadRequest extends Exception {

        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    /** How a request names a config, for refusals. */
    private static final String HOW_TO_NAME = "name one with --config";

    private final DevModeControl control;
    private final ObjectMapper json = ProtocolJson.mapper();

    RequestDispatcher(DevModeControl control) {
        this.control = control;
    }

    /** Serves one request line. */
    Reply handle(String line) {
        JsonNode request;
        try {
            request = json.readTree(line);
        } catch (JsonProcessingException e) {
            return new Reply(error(ErrorCode.BAD_REQUEST, "request is not valid JSON: " + e.getOriginalMessage()),
                    false);
        }
        try {
            if (request == null || !request.isObject()) {
                throw new BadRequest("request must be a JSON object such as {\"op\":\"status\"}");
            }
            Operation operation = operation(request);
            if (operation == Operation.DETACH) {
                // the reply must leave before the control closes this plane, so detaching waits for the flush
                return new Reply(ok(json.createObjectNode().put("detaching", true)), true);
            }
            if (operation == Operation.SHOW) {
                return new Reply(flat(json.valueToTree(config(request).show(optionalText(request, "path")))), false);
            }
            if (operation == Operation.FOLLOW) {
                return follow(request);
            }
            return new Reply(ok(json.valueToTree(serve(operation, request))), false);
        } catch (BadRequest e) {
            return new Reply(error(ErrorCode.BAD_REQUEST, e.getMessage()), false);
        } catch (ConfigSelection.Refusal e) {
            return new Reply(error(e.code(), e.getMessage()), false);
        } catch (Throwable e) {
            return new Reply(error(ErrorCode.FAILED, describe(e)), false);
        }
    }

    private static Operation operation(JsonNode request) throws BadRequest {
        String op = request.path("op").asText("");
        if (op.isEmpty()) {
            throw new BadRequest("request has no \"op\"; one of " + Operation.wireNames());
        }
        Operation operation = Operation.ofWireName(op);
        if (operation == null) {
            throw new BadRequest("unknown op '" + op + "'; one of " + Operation.wireNames());
        }
        return operation;
    }

    private Object serve(Operation operation, JsonNode request) throws BadRequest {
        if (operation == Operation.STATUS) {
            String wanted = optionalText(request, Operation.CONFIG_FIELD);
            return wanted == null ? control.status() : statusOf(config(request));
        }
        ConfigControl config = config(request);
        switch (operation) {
            case RELOAD:
                return config.reload(flag(request, "validateOnly"));
            case VALIDATE:
                String file = optionalText(request, "file");
                String text = optionalText(request, "text");
                if (text != null) {
                    // an edit not saved yet: the file it is an edit of is needed to place it among the config's
                    return config.validate(Path.of(requiredText(request, "file")), text);
                }
                return config.validate(file == null ? null : Path.of(file));
            case DIFF:
                return config.diff(number(request, "from", 0), number(request, "to", 0));
            case HISTORY:
                return HistoryItems.of(config.history());
            case ROLLBACK:
                return config.rollback(Math.toIntExact(number(request, "steps", 1)));
            case SET:
                return config.set(requiredText(request, "path"), requiredText(request, "value"));
            case UNSET:
                return config.unset(requiredText(request, "path"));
            case CLEAR:
                config.clearHistory();
                return Map.of("cleared", true);
            default:
                throw new IllegalStateException("no handler for op '" + operation.wireName() + "'");
        }
    }

    /** Follows the config named, or every config of the JVM (also those that appear later) when none is. */
    private Reply follow(JsonNode request) throws BadRequest {
        ConfigControl only = optionalText(request, Operation.CONFIG_FIELD) == null ? null : config(request);
        ObjectNode reply = json.createObjectNode().put("ok", true);
        var names = reply.putArray("following");
        for (ConfigControl config : only == null ? control.configs() : List.of(only)) {
            names.add(config.name());
        }
        return new Reply(reply.toString(), false, new Follow(only));
    }

    /** The JVM's status with {@code configs} holding only {@code config}. */
    private JvmStatus statusOf(ConfigControl config) {
        JvmStatus jvm = control.status();
        return new JvmStatus(jvm.active(), jvm.pid(), jvm.providers(), List.of(config.status()), jvm.problems());
    }

    /** The config the request names with {@code "config"} (a path or a substring of one), or the JVM's only one. */
    private ConfigControl config(JsonNode request) throws BadRequest {
        return ConfigSelection.select(control.configs(), optionalText(request, Operation.CONFIG_FIELD), HOW_TO_NAME);
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

    /** A reply whose result's fields sit next to {@code ok}, as {@code show}'s do. */
    private String flat(JsonNode result) {
        ObjectNode reply = json.createObjectNode().put("ok", true);
        reply.setAll((ObjectNode) result);
        return reply.toString();
    }

    private String error(ErrorCode code, String message) {
        return json.createObjectNode().put("ok", false).put("error", Masking.text(oneLine(message)))
                .put(ErrorCode.FIELD, code.wireName()).toString();
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
