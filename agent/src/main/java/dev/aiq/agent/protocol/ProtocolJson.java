package dev.aiq.agent.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The JSON of the control protocol: one mapper, configured for the records served, shared by the plane and its
 * clients. Instants travel as ISO-8601 text and paths as plain text, so no Jackson module beyond databind is needed.
 * Internal.
 */
public final class ProtocolJson {

    private static final ObjectMapper MAPPER = createMapper();

    private ProtocolJson() {
    }

    /** Returns the shared mapper; thread-safe, do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper createMapper() {
        SimpleModule times = new SimpleModule("aiq-dev-protocol")
                .addSerializer(Instant.class, new ToStringSerializer(Instant.class))
                .addSerializer(Path.class, new ToStringSerializer(Path.class))
                .addDeserializer(Instant.class, new InstantDeserializer());
        return new ObjectMapper()
                .registerModule(times)
                // a newer agent may send fields an older CLI does not know
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    private static final class InstantDeserializer extends StdScalarDeserializer<Instant> {

        private static final long serialVersionUID = 1L;

        InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            try {
                return text == null || text.isBlank() ? null : Instant.parse(text);
            } catch (DateTimeParseException e) {
                return (Instant) context.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant");
            }
        }
    }
}
