package dev.aiq.agent.cli;

import dev.aiq.agent.protocol.Change;
import dev.aiq.agent.protocol.HistoryItem;
import dev.aiq.agent.protocol.JvmStatus;
import dev.aiq.agent.protocol.Operation;
import dev.aiq.agent.protocol.ReloadOutcome;
import dev.aiq.agent.protocol.WireJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
        Object result = session.call(request(Operation.STATUS));
        JvmStatus status = Replies.decode(result, JvmStatus.class);
        if (!json) {
            human.status(status, session.pid() < 0 ? status.pid() + " (" + session.describe() + ")"
                    : session.describe());
        }
        return print(result, status.active() ? 0 : CliException.FAILURE);
    }

    /** The JVM's status without printing it: every config, or only the one {@code wanted} names (null: all). */
    JvmStatus statusOf(String wanted) throws CliException {
        return Replies.decode(session.call(withConfig(wanted).request(Operation.STATUS)), JvmStatus.class);
    }

    int reload(boolean validateOnly) throws CliException {
        Map<String, Object> request = request(Operation.RELOAD);
        request.put("validateOnly", validateOnly);
        return outcome(request);
    }

    int validate(Path file) throws CliException {
        Map<String, Object> request = request(Operation.VALIDATE);
        if (file != null) {
            request.put("file", file.toAbsolutePath().normalize().toString());
        }
        return outcome(request);
    }

    int diff(long from, long to) throws CliException {
        Map<String, Object> request = request(Operation.DIFF);
        request.put("from", from);
        request.put("to", to);
        Object result = session.call(request);
        if (!json) {
            human.changes(Replies.decodeList(result, Change.class));
        }
        return print(named("changes", result), 0);
    }

    int history() throws CliException {
        Object result = session.call(request(Operation.HISTORY));
        if (!json) {
            human.history(Replies.decodeList(result, HistoryItem.class));
        }
        return print(named("history", result), 0);
    }

    int clearHistory() throws CliException {
        Object result = session.call(request(Operation.CLEAR));
        if (!json) {
            human.line("history cleared; the live config is kept");
        }
        return print(result, 0);
    }

    int rollback(int steps) throws CliException {
        Map<String, Object> request = request(Operation.ROLLBACK);
        request.put("steps", steps);
        return outcome(request);
    }

    int set(String path, String value) throws CliException {
        Map<String, Object> request = request(Operation.SET);
        request.put("path", path);
        request.put("value", value);
        return outcome(request);
    }

    int unset(String path) throws CliException {
        Map<String, Object> request = request(Operation.UNSET);
        request.put("path", path);
        return outcome(request);
    }

    /** {@code aiq-dev show}: the live effective config, or its subtree at {@code path} (null: all), masked. */
    int show(String path) throws CliException {
        Map<String, Object> request = request(Operation.SHOW);
        if (path != null) {
            request.put("path", path);
        }
        Map<String, Object> reply = session.reply(request);
        if (json) {
            reply.remove("ok");
            out.println(WireJson.write(reply));
        } else {
            long generation = reply.get("generation") instanceof Number number ? number.longValue() : 0;
            human.shown(WireJson.text(reply, "config", ""), generation,
                    WireJson.text(reply, "path", null), reply.get("value"));
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

    private void followed(Map<String, Object> line) {
        if (json) {
            line.remove("ok");
            out.println(WireJson.write(line));
        } else if (line.containsKey("following")) {
            List<String> names = decodeQuietly(line.get("following"), List.class).stream().map(String::valueOf)
                    .toList();
            human.line("following " + (names.isEmpty() ? "every config" : String.join(", ", names)) + " of "
                    + session.describe() + "; Ctrl+C to stop");
        } else if ("outcome".equals(line.get("event"))) {
            human.followed(WireJson.text(line, "config", ""), decodeQuietly(line.get("outcome"), ReloadOutcome.class));
        } else if ("detached".equals(line.get("event"))) {
            human.line("aiq-dev was detached from " + session.describe());
        }
        out.flush();
    }

    int detach() throws CliException {
        Object result = session.call(request(Operation.DETACH));
        if (!json) {
            human.line("aiq-dev detached from " + session.describe() + "; the app keeps its live config");
        }
        return print(result, 0);
    }

    /** A request for {@code operation}, naming the chosen config when the operation can act on one. */
    private Map<String, Object> request(Operation operation) {
        Map<String, Object> request = WireJson.request(operation.wireName());
        if (config != null && operation.scope() != Operation.Scope.JVM) {
            request.put(Operation.CONFIG_FIELD, config);
        }
        return request;
    }

    private int outcome(Map<String, Object> request) throws CliException {
        Object result = session.call(request);
        ReloadOutcome outcome = Replies.decode(result, ReloadOutcome.class);
        if (!json) {
            human.outcome(outcome);
        }
        return print(result, outcome.success() ? 0 : CliException.FAILURE);
    }

    /** A list result as {@code --json} prints it: every JSON the tool prints is one object. */
    private static Object named(String field, Object list) {
        Map<String, Object> object = WireJson.object();
        object.put(field, list);
        return object;
    }

    private int print(Object result, int exitCode) {
        if (json) {
            out.println(WireJson.write(result));
        }
        out.flush();
        return exitCode;
    }

    /** Like {@link Replies#decode} for a line that arrives unasked: one this version cannot read ends the follow. */
    private static <T> T decodeQuietly(Object line, Class<T> type) {
        try {
            return Replies.decode(line, type);
        } catch (CliException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
