package dev.aiq.agent.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiq.agent.protocol.ProtocolJson;

/**
 * The protocol's mapper under its former name, for the callers not yet moved to {@link ProtocolJson}
 * ({@link ControlClient} and the command line's {@code list}); delete it once they call {@link ProtocolJson#mapper()}.
 * Internal.
 */
public final class ControlJson {

    private ControlJson() {
    }

    /** Returns {@link ProtocolJson#mapper()}. */
    public static ObjectMapper mapper() {
        return ProtocolJson.mapper();
    }
}
