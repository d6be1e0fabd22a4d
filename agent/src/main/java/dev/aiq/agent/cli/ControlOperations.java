package dev.aiq.agent.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiq.agent.control.ControlClient;
import dev.aiq.agent.control.ControlJson;
import dev.aiq.agent.control.ControlJson.HistoryItem;
import dev.aiq.agent.protocol.Change;
import dev.aiq.agent.protocol.ReloadOutcome;
import dev.aiq.agent.protocol.ConfigStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Every operation on a target's control socket, shared by the commands and {@code interactive}: each sends one
 * request, prints the result for people or as JSON, and returns the exit code (a failed reload, validation or
 * rollback is 1). Internal.
 */
final class ControlOperations {

    private final ControlSession session;
    private final HumanOutput human;
    private final PrintWriter out;
    private final boolean json;

    ControlOperations(ControlSession session, HumanOutput human, PrintWriter out, boolean json) {
        this.session = session;
        this.human = human;
        this.out = out;
        this.json = json;
    }

    int status() throws CliException {
        JsonNode result = session.call(ControlClient.request("status"));
        if (!json) {
            dev.aiq.agent.protocol.JvmStatus status = decode(result, new TypeReference<>() { });
            human.status(status, session.pid() < 0 ? status.pid() + " (" + session.describe() + ")"
                    : session.describe());
        }
        return print(result, 0);
    }

    int reload(boolean validateOnly) throws CliException {
        return outcome(ControlClient.request("reload").put("validateOnly", validateOnly));
    }

    int validate(Path file) throws CliException {
        ObjectNode request = ControlClient.request("validate");
        if (file != null) {
            request.put("file", file.toAbsolutePath().normalize().toString());
        }
        return outcome(request);
    }

    int diff(long from, long to) throws CliException {
        JsonNode result = session.call(ControlClient.request("diff").put("from", from).put("to", to));
        if (!json) {
            List<Change> changes = decode(result, new TypeReference<>() { });
            human.changes(changes);
        }
        return print(result, 0);
    }

    int history() throws CliException {
        JsonNode result = session.call(ControlClient.request("history"));
        if (!json) {
            List<HistoryItem> items = decode(result, new TypeReference<>() { });
            human.history(items);
        }
        return print(result, 0);
    }

    int clearHistory() throws CliException {
        JsonNode result = session.call(ControlClient.request("clear"));
        if (!json) {
            human.line("history cleared; the live config is kept");
        }
        return print(result, 0);
    }

    int rollback(int steps) throws CliException {
        return outcome(ControlClient.request("rollback").put("steps", steps));
    }

    int set(String path, String value) throws CliException {
        return outcome(ControlClient.request("set").put("path", path).put("value", value));
    }

    int unset(String path) throws CliException {
        return outcome(ControlClient.request("unset").put("path", path));
    }

    int detach() throws CliException {
        JsonNode result = session.call(ControlClient.request("detach"));
        if (!json) {
            human.line("aiq-dev detached from " + session.describe() + "; the app keeps its live config");
        }
        return print(result, 0);
    }

    private int outcome(ObjectNode request) throws CliException {
        JsonNode result = session.call(request);
        ReloadOutcome outcome = decode(result, new TypeReference<>() { });
        if (!json) {
            human.outcome(outcome);
        }
        return print(result, outcome.success() ? 0 : CliException.FAILURE);
    }

    private int print(JsonNode result, int exitCode) {
        if (json) {
            out.println(result.toString());
        }
        out.flush();
        return exitCode;
    }

    private static <T> T decode(JsonNode result, TypeReference<T> type) throws CliException {
        try {
            return ControlJson.mapper().convertValue(result, type);
        } catch (IllegalArgumentException e) {
            throw CliException.failure("the agent's reply is not what this aiq-dev expects (another version?): "
                    + e.getMessage());
        }
    }
}
