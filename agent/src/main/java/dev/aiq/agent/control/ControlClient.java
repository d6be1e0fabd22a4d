package dev.aiq.agent.control;

import dev.aiq.agent.protocol.ProtocolJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aiq.agent.mask.Masking;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/**
 * A connection to a {@link ControlPlane} that speaks its JSON with Jackson, over a {@link ControlChannel} (which
 * says how the peer is checked and how long it waits). Every text of a reply comes back with control characters
 * escaped and credential-looking parts masked, unless asked for as sent. Not thread-safe; one request at a time.
 * Internal.
 */
public final class ControlClient implements AutoCloseable {

    /** Longest reply accepted. */
    static final int MAX_REPLY_BYTES = ControlChannel.MAX_REPLY_BYTES;

    private final ControlChannel channel;

    private ControlClient(ControlChannel channel) {
        this.channel = channel;
    }

    /**
     * Connects to the control socket at {@code socket}.
     *
     * @throws IOException when nothing listens there, the connection is not made within 5 s, or the process serving
     *                     it is not one to trust (then nothing has been sent)
     */
    public static ControlClient connect(Path socket) throws IOException {
        return new ControlClient(ControlChannel.connect(socket));
    }

    /** Connects with the given time-outs. */
    public static ControlClient connect(Path socket, Duration connectTimeout, Duration replyTimeout)
            throws IOException {
        return new ControlClient(ControlChannel.connect(socket, connectTimeout, replyTimeout));
    }

    /** Returns a new request for {@code op}, to which the op's parameters are added. */
    public static ObjectNode request(String op) {
        return ProtocolJson.mapper().createObjectNode().put("op", op);
    }

    /**
     * Sends {@code request} and returns the reply as it came: {@code {"ok":true,"result":...}} or
     * {@code {"ok":false,"error":"..."}}.
     *
     * @throws IOException when the connection breaks, the reply does not come in time, or is not JSON
     */
    public JsonNode call(ObjectNode request) throws IOException {
        return asData(ProtocolJson.mapper().readTree(exchange(request.toString())));
    }

    /**
     * Sends {@code request} and returns the reply as the agent wrote it: secrets masked by the agent, nothing escaped.
     * For a client that shows text in a page rather than on a terminal (the browser UI), where a YAML's line breaks
     * must stay line breaks.
     *
     * @throws IOException as {@link #call}
     */
    public JsonNode callAsSent(ObjectNode request) throws IOException {
        return ProtocolJson.mapper().readTree(exchange(request.toString()));
    }

    /** The reply as data: every text and key escaped and masked, so printing it can drive no terminal. */
    static JsonNode asData(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            String text = node.asText();
            String safe = Masking.text(text);
            return safe.equals(text) ? node : JsonNodeFactory.instance.textNode(safe);
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(item -> copy.add(asData(item)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(Masking.text(field.getKey()), asData(field.getValue()));
            }
            return copy;
        }
        return node;
    }

    /** Sends one raw line and returns the raw reply line. */
    String exchange(String line) throws IOException {
        return channel.exchange(line);
    }

    /**
     * Waits, for as long as it takes, for the next line the plane sends unasked (an event of {@code follow}) and
     * returns it as data, like {@link #call}'s reply; null once the plane has closed the connection (the JVM ended
     * or development mode was detached).
     *
     * @throws IOException when the connection breaks or the line is not JSON
     */
    public JsonNode nextEvent() throws IOException {
        String line = channel.nextLine();
        return line == null ? null : asData(ProtocolJson.mapper().readTree(line));
    }

    /** Closes the connection. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
