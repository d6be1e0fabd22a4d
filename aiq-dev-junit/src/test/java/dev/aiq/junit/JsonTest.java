package dev.aiq.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    private static final String STATUS = "{\"ok\":true,\"result\":{\"active\":true,\"pid\":4242,\"configs\":[{\"name\":"
            + "\"a.yml\",\"generation\":3,\"last\":{\"kind\":\"RELOAD\",\"success\":false,\"errors\":[\"a.yml:2:1: "
            + "\\\"x\\\" \\u00e9\\n\"],\"line\":null}}],\"problems\":[]}}";

    @Test
    void aReplyIsNavigatedByFieldAndIndex() {
        Json reply = Json.parse(STATUS);

        assertThat(reply.path("ok").asBoolean()).isTrue();
        assertThat(reply.path("result", "pid").asLong()).isEqualTo(4242);
        assertThat(reply.path("result", "configs", 0, "generation").asLong()).isEqualTo(3);
        assertThat(reply.path("result", "configs", 0, "last", "errors", 0).asText()).isEqualTo("a.yml:2:1: \"x\" é\n");
        assertThat(reply.path("result", "configs", 0, "last", "line").isNull()).isTrue();
        assertThat(reply.path("result", "configs", 0, "last", "line").isMissing()).isFalse();
        assertThat(reply.path("result", "problems").size()).isZero();
        assertThat(reply.path("result").fieldNames()).containsExactly("active", "pid", "configs", "problems");
    }

    @Test
    void aMissingStepGivesDefaultsNotExceptions() {
        Json reply = Json.parse(STATUS);

        Json missing = reply.path("result", "configs", 7, "generation");

        assertThat(missing.isMissing()).isTrue();
        assertThat(missing.asLong()).isZero();
        assertThat(missing.asBoolean()).isFalse();
        assertThat(missing.asText()).isEmpty();
        assertThat(missing.elements()).isEmpty();
    }

    @Test
    void whatIsWrittenReadsBackTheSame() {
        Json reply = Json.parse(STATUS);

        assertThat(Json.parse(reply.toString())).isEqualTo(reply);
        assertThat(Json.write(Map.of("op", "set", "value", "a\"b\tc"))).contains("\"a\\\"b\\tc\"");
        assertThat(Json.write(List.of(1, true, "x"))).isEqualTo("[1,true,\"x\"]");
    }

    @Test
    void textThatIsNotJsonSaysWhere() {
        assertThatThrownBy(() -> Json.parse("{\"ok\":tru}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("character 7");
        assertThatThrownBy(() -> Json.parse("{} x")).hasMessageContaining("text after the value");
        assertThatThrownBy(() -> Json.parse("\"open")).hasMessageContaining("does not end");
    }
}
