package dev.aiq.sample.config;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * {@code general.front_end}: how the app takes questions, and where {@code serve} listens.
 *
 * @param type  {@code console}, {@code fastapi} or {@code http}; null means {@code fastapi}
 * @param host  the address to listen on; null means {@code 127.0.0.1}
 * @param port  the port to listen on, 0 for any free port; null means {@code 8000}
 * @param extra every other key, for example {@code cors}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FrontEndConfig(
        @JsonProperty("_type") String type,
        String host,
        Integer port,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) implements Component {

    /** The front end of a config that names none. */
    public static final FrontEndConfig DEFAULT = new FrontEndConfig(null, null, null, null);

    /** Fills in the defaults and makes {@code extra} an unmodifiable copy sorted by key. */
    public FrontEndConfig {
        type = type == null ? "fastapi" : type;
        host = host == null ? "127.0.0.1" : host;
        port = port == null ? 8000 : port;
        extra = Trees.frozenSorted(extra);
    }
}
