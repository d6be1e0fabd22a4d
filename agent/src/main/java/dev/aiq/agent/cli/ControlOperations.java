package dev.aiq.agent.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiq.agent.control.ControlClient;
import dev.aiq.agent.protocol.Change;
import dev.aiq.agent.protocol.HistoryItem;
import dev.aiq.agent.protocol.JvmStatus;
import dev.aiq.agent.protocol.Operation;
import dev.aiq.agent.protocol.ProtocolJson;
import dev.aiq.agent.protocol.ReloadOutcome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Every operation on a target's control socket, shared by the commands and {@code interactive}: each sends one
 * request, prints the result for people or as JSON, and returns the exit code (a failed reload, validation or
 * rollback is 1). Per-config requests name the config chosen with {@code --config} (a path or a substring of one);
 * without one the agent takes the JVM's only config, or refuses naming them (exit 2). Immutable. Internal.
 */
final class ControlOperations {

    private final ControlSession session;
    private final HumanOutput human;
    private final PrintWriter out;
    private final boolean json;
    private final String config;

    ControlOperations(ControlSession session, HumanOutput human, PrintWriter out, boolean json) {
        this(session, human, out, json, null);
    }

    private ControlOperations(ControlSession session, HumanOutput human, PrintWriter out, boolean json,
                              String config) {
        this.session = session;
        this.human = human;
        this.out = out;
        this.json = json;
        this.config = config;
    }

    /** The same operations on the config {@code config} names (null: the JVM's only one). */
    ControlOperations withConfig(String config) {
        return new ControlOperations(session, human, out, json, config);
    }

    /** What per-config requests name, or null. */
    String config() {
        return config;
    }

    /** {@code aiq-dev status}: every config of the JVM, or only the one chosen; exit 1 when dev mode is not active. */
    int status() throws CliException {
        JsonNode result = session.call(request(Operation.STATUS));
        JvmStatus status = decode(result, new TypeReference<>() { });
        if (!json) {
            human.status(status, session.pid() < 0 ? status.pid() + " (" + session.describe() + ")"
                    : session.describe());
        }
        return print(result, status.active() ? 0 : CliException.FAILURE);
    }

    /** The JVM's status without printing it: every config, or only the one {@code wanted} names (null: all). */
    JvmStatus statusOf(String wanted) throws CliException {
        return decode(session.call(withConfig(wanted).request(Operation.STATUS)), new TypeReference<>() { });
    }

    int reload(boolean validateOnly) throws CliException {
        return outcome(request(Operation.RELOAD).put("validateOnly", validateOnly));
    }

    int validate(Path file) throws CliException {
        ObjectNode request = request(Operation.VALIDATE);
        if (file != null) {
            request.put("file", file.toAbsolutePath().normalize().toString());
        }
        return outcome(request);
    }

    int diff(long from, long to) throws CliException {
        JsonNode result = session.call(request(Operation.DIFF).put("from", from).put("to", to));
        if (!json) {
            List<Change> changes = decode(result, new TypeReference<>() { });
            human.changes(changes);
        }
        return print(named("changes", result), 0);
    }

    int history() throws CliException {
        JsonNode result = session.call(request(Operation.HISTORY));
        if (!json) {
            List<HistoryItem> items = decode(result, new TypeReference<>() { });
            human.history(items);
        }
        return print(named("history", result), 0);
    }

    int clearHistory() throws CliException {
        JsonNode result = session.call(request(Operation.CLEAR));
        if (!json) {
            human.line("history cleared; the live config is kept");
        }
        return print(result, 0);
    }

    int rollback(int steps) throws CliException {
        return outcome(request(Operation.ROLLBACK).put("steps", steps));
    }

    int set(String path, String value) throws CliException {
        return outcome(request(Operation.SET).put("path", path).put("value", value));
    }

    int unset(String path) throws CliException {
        return outcome(request(Operation.UNSET).put("path", path));
    }

    /** {@code aiq-dev show}: the live effective config, or its subtree at {@code path} (null: all), masked. */
    int show(String path) throws CliException {
        ObjectNode request = request(Operation.SHOW);
        if (path != null) {
            request.put("path", path);
        }
        JsonNode reply = session.reply(request);
        if (json) {
            ObjectNode shown = reply.deepCopy();
            shown.remove("ok");
            out.println(shown.toString());
        } else {
            human.shown(reply.path("config").asText(), reply.path("generation").asLong(),
                    reply.path("path").isNull() ? null : reply.path("path").asText(),
                    ProtocolJson.mapper().convertValue(reply.path("value"), Object.class));
        }
        out.flush();
        return 0;
    }

    /**
     * {@code aiq-dev follow}: every outcome of the chosen config (or of every config) as it happens, until the app
     * detaches (0) or goes away (1); Ctrl+C ends it with 0 (see {@link FollowCommand}).
     */
    int follow() throws CliException {
        boolean detached = session.follow(request(Operation.FOLLOW), this::followed);
        if (!json && !detached) {
            human.line("the app " + session.describe() + " has gone away");
        }
        out.flush();
        return detached ? 0 : CliException.FAILURE;
    }

    private void followed(JsonNode line) {
        if (json) {
            ObjectNode shown = line.deepCopy();
            shown.remove("ok");
            out.println(shown.toString());
        } else if (line.has("following")) {
            List<String> names = decodeQuietly(line.path("following"), new TypeReference<List<String>>() { });
            human.line("following " + (names.isEmpty() ? "every config" : String.join(", ", names)) + " of "
                    + session.describe() + "; Ctrl+C to stop");
        } else if ("outcome".equals(line.path("event").asText())) {
            human.followed(line.path("config").asText(), decodeQuietly(line.path("outcome"),
                    new TypeReference<ReloadOutcome>() { }));
        } else if ("detached".equals(line.path("event").asText())) {
            human.line("aiq-dev was detached from " + session.describe());
        }
        out.flush();
    }

    int detach() throws CliException {
        JsonNode result = session.call(request(Operation.DETACH));
        if (!json) {
            human.line("aiq-dev detached from " + session.describe() + "; the app keeps its live config");
        }
        return print(result, 0);
    }

    /** A request for {@code operation}, naming the chosen config when the operation can act on one. */
    private ObjectNode request(Operation operation) {
        ObjectNode request = ControlClient.request(operation.wireName());
        if (config != null && operation.scope() != Operation.Scope.JVM) {
            request.put(Operation.CONFIG_FIELD, config);
        }
        return request;
    }

    private int outcome(ObjectNode request) throws CliException {
        JsonNode result = session.call(request);
        ReloadOutcome outcome = decode(result, new TypeReference<>() { });
        if (!json) {
            human.outcome(outcome);
        }
        return print(result, outcome.success() ? 0 : CliException.FAILURE);
    }

    /** A list result as {@code --json} prints it: every JSON the tool prints is one object. */
    private static JsonNode named(String field, JsonNode list) {
        ObjectNode object = ProtocolJson.mapper().createObjectNode();
        object.set(field, list);
        return object;
    }

    private int print(JsonNode result, int exitCode) {
        if (json) {
            out.println(result.toString());
        }
        out.flush();
        return exitCode;
    }

    /** Like {@link #decode} for a line that arrives unasked: one this version cannot read is shown as JSON. */
    private <T> T decodeQuietly(JsonNode line, TypeReference<T> type) {
        try {
            return decode(line, type);
        } catch (CliException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static <T> T decode(JsonNode result, TypeReference<T> type) throws CliException {
        try {
            return ProtocolJson.mapper().convertValue(result, type);
        } catch (IllegalArgumentException e) {
            throw CliException.failure("the agent's reply is not what this aiq-dev expects (another version?): "
                    + e.getMessage());
        }
    }
}
