package dev.aiq.agent.control;

import dev.aiq.agent.mask.Masking;
import dev.aiq.agent.protocol.ErrorCode;
import dev.aiq.agent.protocol.JvmStatus;
import dev.aiq.agent.protocol.Operation;
import dev.aiq.agent.protocol.WireJson;
import dev.aiq.agent.protocol.WireRecords;
import java.nio.file.Path;
import java.util.ArrayList;
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

    RequestDispatcher(DevModeControl control) {
        this.control = control;
    }

    /** Serves one request line. */
    Reply handle(String line) {
        Object parsed;
        try {
            parsed = WireJson.parse(line);
        } catch (IllegalArgumentException e) {
            return new Reply(error(ErrorCode.BAD_REQUEST, "request is not valid JSON: " + e.getMessage()), false);
        }
        try {
            if (!(parsed instanceof Map<?, ?> request)) {
                throw new BadRequest("request must be a JSON object such as {\"op\":\"status\"}");
            }
            Operation operation = operation(request);
            if (operation == Operation.DETACH) {
                // the reply must leave before the control closes this plane, so detaching waits for the flush
                return new Reply(ok(Map.of("detaching", true)), true);
            }
            if (operation == Operation.SHOW) {
                return new Reply(flat(WireRecords.encode(config(request).show(optionalText(request, "path")))), false);
            }
            if (operation == Operation.FOLLOW) {
                return follow(request);
            }
            return new Reply(ok(WireRecords.encode(serve(operation, request))), false);
        } catch (BadRequest e) {
            return new Reply(error(ErrorCode.BAD_REQUEST, e.getMessage()), false);
        } catch (ConfigSelection.Refusal e) {
            return new Reply(error(e.code(), e.getMessage()), false);
        } catch (Throwable e) {
            return new Reply(error(ErrorCode.FAILED, describe(e)), false);
        }
    }

    private static Operation operation(Map<?, ?> request) throws BadRequest {
        Object value = request.get("op");
        String op = value == null || value instanceof Map || value instanceof List ? "" : value.toString();
        if (op.isEmpty()) {
            throw new BadRequest("request has no \"op\"; one of " + Operation.wireNames());
        }
        Operation operation = Operation.ofWireName(op);
        if (operation == null) {
            throw new BadRequest("unknown op '" + op + "'; one of " + Operation.wireNames());
        }
        return operation;
    }

    private Object serve(Operation operation, Map<?, ?> request) throws BadRequest {
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
    private Reply follow(Map<?, ?> request) throws BadRequest {
        ConfigControl only = optionalText(request, Operation.CONFIG_FIELD) == null ? null : config(request);
        List<String> names = new ArrayList<>();
        for (ConfigControl config : only == null ? control.configs() : List.of(only)) {
            names.add(config.name());
        }
        Map<String, Object> reply = WireJson.object();
        reply.put("ok", true);
        reply.put("following", names);
        return new Reply(WireJson.write(reply), false, new Follow(only));
    }

    /** The JVM's status with {@code configs} holding only {@code config}. */
    private JvmStatus statusOf(ConfigControl config) {
        JvmStatus jvm = control.status();
        return new JvmStatus(jvm.active(), jvm.pid(), jvm.providers(), List.of(config.status()), jvm.problems());
    }

    /** The config the request names with {@code "config"} (a path or a substring of one), or the JVM's only one. */
    private ConfigControl config(Map<?, ?> request) throws BadRequest {
        return ConfigSelection.select(control.configs(), optionalText(request, Operation.CONFIG_FIELD), HOW_TO_NAME);
    }

    private static boolean flag(Map<?, ?> request, String name) throws BadRequest {
        Object value = request.get(name);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean flag)) {
            throw new BadRequest("\"" + name + "\" must be true or false");
        }
        return flag;
    }

    private static long number(Map<?, ?> request, String name, long absent) throws BadRequest {
        Object value = request.get(name);
        if (value == null) {
            return absent;
        }
        if (!(value instanceof Integer || value instanceof Long)) {
            throw new BadRequest("\"" + name + "\" must be an integer");
        }
        return ((Number) value).longValue();
    }

    private static String optionalText(Map<?, ?> request, String name) throws BadRequest {
        Object value = request.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            throw new BadRequest("\"" + name + "\" must be a string");
        }
        return value.toString();
    }

    private static String requiredText(Map<?, ?> request, String name) throws BadRequest {
        String text = optionalText(request, name);
        if (text == null) {
            throw new BadRequest("\"" + request.get("op") + "\" needs \"" + name + "\"");
        }
        return text;
    }

    private static String ok(Object result) {
        Map<String, Object> reply = WireJson.object();
        reply.put("ok", true);
        reply.put("result", result);
        return WireJson.write(reply);
    }

    /** A reply whose result's fields sit next to {@code ok}, as {@code show}'s do. */
    private static String flat(Object result) {
        Map<String, Object> reply = WireJson.object();
        reply.put("ok", true);
        ((Map<?, ?>) result).forEach((key, value) -> reply.put(String.valueOf(key), value));
        return WireJson.write(reply);
    }

    private static String error(ErrorCode code, String message) {
        Map<String, Object> reply = WireJson.object();
        reply.put("ok", false);
        reply.put("error", Masking.text(oneLine(message)));
        reply.put(ErrorCode.FIELD, code.wireName());
        return WireJson.write(reply);
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
