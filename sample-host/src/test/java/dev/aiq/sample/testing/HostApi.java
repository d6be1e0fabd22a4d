package dev.aiq.sample.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The served sample host's API as the end-to-end tests read it: the live generation, an answer, the temperature
 * its LLM answers with, the live config.
 * Every call expects status 200 and a well-formed body, and throws {@link AssertionError} otherwise.
 *
 * <pre>{@code
 * HostApi api = HostApi.at(host.port());
 * assertThat(api.answer("Who is Ada Lovelace?")).startsWith("[nim_llm nim meta/llama-3.1-70b-instruct temperature=0.7]");
 * assertThat(api.generation()).isEqualTo(2);
 * }</pre>
 */
public final class HostApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TEMPERATURE = Pattern.compile("^\\[nim_llm \\S+ \\S+ temperature=([^\\]]+)]");

    private final int port;

    private HostApi(int port) {
        this.port = port;
    }

    /** Returns the API of the front end on {@code 127.0.0.1:port}. */
    public static HostApi at(int port) {
        return new HostApi(port);
    }

    /** Returns the port. */
    public int port() {
        return port;
    }

    /** Returns the config generation {@code GET /health} reports. */
    public long generation() {
        JsonNode generation = json(Http.get(port, "/health"), "GET /health").get("generation");
        if (generation == null || !generation.canConvertToLong()) {
            throw new AssertionError("GET /health on port " + port + " gave no generation");
        }
        return generation.asLong();
    }

    /** Returns the {@code value} that {@code POST /generate} answers to {@code question}. */
    public String answer(String question) {
        String request = JSON.createObjectNode().put("input_message", question).toString();
        JsonNode value = json(Http.post(port, "/generate", request), "POST /generate").get("value");
        if (value == null || !value.isTextual()) {
            throw new AssertionError("POST /generate on port " + port + " gave no value");
        }
        return value.asText();
    }

    /** Returns the temperature of {@code nim_llm} in an answer of {@code /generate}, for example {@code 0.7}. */
    public String temperature() {
        String answer = answer("Who is Ada Lovelace?");
        Matcher matcher = TEMPERATURE.matcher(answer);
        if (!matcher.find()) {
            throw new AssertionError("POST /generate on port " + port + " did not answer with nim_llm: " + answer);
        }
        return matcher.group(1);
    }

    /** Returns the body of {@code GET /config}: the live config as JSON, secrets masked. */
    public String config() {
        return configJson().toString();
    }

    /** Returns {@code GET /config} parsed. */
    public JsonNode configJson() {
        return json(Http.get(port, "/config"), "GET /config");
    }

    private JsonNode json(Http.Response response, String request) {
        if (response.status() != 200) {
            throw new AssertionError(request + " on port " + port + " answered " + response);
        }
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new AssertionError(request + " on port " + port + " answered with malformed JSON: " + response, e);
        }
    }
}
