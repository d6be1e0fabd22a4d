package dev.aiq.agent.control;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.aiq.agent.reload.HistoryEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON of the control protocol: one mapper, configured for the records served, shared by the plane and its
 * clients. Instants travel as ISO-8601 text and paths as plain text, so no Jackson module beyond databind is needed.
 * Internal.
 */
public final class ControlJson {

    private static final ObjectMapper MAPPER = createMapper();

    private ControlJson() {
    }

    /** Returns the shared mapper; thread-safe, do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper createMapper() {
        SimpleModule times = new SimpleModule("aiq-dev-control")
                .addSerializer(Instant.class, new ToStringSerializer(Instant.class))
                .addSerializer(Path.class, new ToStringSerializer(Path.class))
                .addDeserializer(Instant.class, new InstantDeserializer());
        return new ObjectMapper()
                .registerModule(times)
                // a newer agent may send fields an older CLI does not know
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /**
     * One history entry as the protocol sends it: without the sources, the tree and the app's value, which are
     * large and may hold secrets.
     *
     * @param generation the generation it had
     * @param at         when it went live
     * @param sha256     hash of its source
     * @param cause      why it went live
     * @param files      every file it was read from, root first
     */
    public record HistoryItem(long generation, Instant at, String sha256, String cause, List<String> files) {

        /** Copies the list. */
        public HistoryItem {
            files = List.copyOf(files);
        }

        /** The item for {@code entry}. */
        static HistoryItem of(HistoryEntry entry) {
            List<String> files = new ArrayList<>();
            if (entry.sources() != null) {
                entry.sources().keySet().forEach(file -> files.add(String.valueOf(file)));
            }
            return new HistoryItem(entry.generation(), entry.at(), entry.sha256(), entry.cause(), files);
        }
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
            } catch (java.time.format.DateTimeParseException e) {
                return (Instant) context.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant");
            }
        }
    }
}
