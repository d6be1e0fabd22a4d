package dev.aiq.agent.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.aiq.agent.control.ControlClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One page's timeline: the target's {@code follow} stream passed on as server-sent events, one {@code data:} line per
 * outcome, until the page or the target goes away. A comment every few seconds finds out that the page left (the
 * stream is otherwise silent between reloads), and then closes the follow connection. Internal.
 */
final class OutcomeFeed {

    private static final long HEARTBEAT_SECONDS = 10;

    private final UiTarget target;

    OutcomeFeed(UiTarget target) {
        this.target = target;
    }

    void stream(HttpExchange exchange) throws IOException {
        if (target == null) {
            Exchanges.error(exchange, 404, "no such dev-mode JVM");
            return;
        }
        ControlClient client;
        JsonNode reply;
        try {
            client = ControlClient.connect(target.socket());
            reply = client.callAsSent(ControlClient.request("follow"));
        } catch (IOException e) {
            Exchanges.error(exchange, 502, "cannot follow aiq-dev in " + target.pid() + ": " + e.getMessage());
            return;
        }
        if (!reply.path("ok").asBoolean()) {
            client.close();
            Exchanges.error(exchange, 502, reply.path("error").asText("follow refused"));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "aiq-dev-ui-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleWithFixedDelay(() -> {
            if (!write(out, ": still here\n\n")) {
                closeQuietly(client);
            }
        }, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        try {
            write(out, "event: following\ndata: " + reply + "\n\n");
            for (JsonNode event = client.nextEvent(); event != null; event = client.nextEvent()) {
                if (!write(out, "data: " + event + "\n\n")) {
                    break;
                }
            }
            write(out, "event: detached\ndata: {}\n\n");
        } catch (IOException | RuntimeException e) {
            // the page left (the heartbeat closed the connection) or the target went away: the stream ends
        } finally {
            heartbeat.shutdownNow();
            closeQuietly(client);
            exchange.close();
        }
    }

    /** Writes one event; false once the page has gone. */
    private static boolean write(OutputStream out, String text) {
        synchronized (out) {
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }

    private static void closeQuietly(ControlClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            // already closed
        }
    }
}
