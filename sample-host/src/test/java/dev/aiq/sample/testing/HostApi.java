package dev.aiq.sample.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the sample host's front end says about the config it runs: the generation ({@code GET /health}), the
 * temperature its LLM answers with ({@code POST /generate}) and the config itself ({@code GET /config}).
 *
 * <pre>{@code
 * HostApi api = new HostApi(host.port());
 * assertThat(api.generation()).isEqualTo(2);
 * assertThat(api.temperature()).isEqualTo("0.3");
 * }</pre>
 *
 * @param port the port the front end listens on
 */
public record HostApi(int port) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TEMPERATURE = Pattern.compile("^\\[nim_llm \\S+ \\S+ temperature=([^\\]]+)]");

    /** Returns the generation {@code /health} reports. */
    public long generation() {
        JsonNode health = json(Http.get(port, "/health"));
        if (!health.path("generation").canConvertToLong()) {
            throw new AssertionError("/health has no generation: " + health);
        }
        return health.path("generation").asLong();
    }

    /** Returns the temperature of {@code nim_llm} in an answer of {@code /generate}, for example {@code 0.7}. */
    public String temperature() {
        String answer = json(Http.post(port, "/generate", "{\"input_message\":\"Who is Ada Lovelace?\"}"))
                .path("value").asText();
        Matcher matcher = TEMPERATURE.matcher(answer);
        if (!matcher.find()) {
            throw new AssertionError("/generate did not answer with nim_llm: " + answer);
        }
        return matcher.group(1);
    }

    /** Returns the live config as {@code /config} shows it (secrets masked). */
    public JsonNode config() {
        return json(Http.get(port, "/config"));
    }

    private static JsonNode json(Http.Response response) {
        if (response.status() != 200) {
            throw new AssertionError("the host answered " + response);
        }
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new AssertionError("the host's answer is not JSON: " + response, e);
        }
    }
}
