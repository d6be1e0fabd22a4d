package dev.aiq.agent.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line's own JSON against Jackson's, which the agent speaks: the same values read, the same text
 * written, the same records bound, so that a command prints the same bytes whichever reads its reply.
 */
class WireJsonTest {

    private static final ObjectMapper JACKSON = ProtocolJson.mapper();

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "[]", "null", "true", "0", "-0", "12", "-2147483648", "2147483648", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "0.5", "1.0", "1e3", "-2.5E-7", "123456789.123456789",
        "\"\"", "\"a\\\"b\\\\c\\/d\"", "\"line\\nbreak\\ttab\\r\\b\\f\"", "\"\\u0001\\u001f\\u00e9\\u2028\"",
        "\"caf\u00e9 \u2603 \ud83d\ude00\"",
        "{\"ok\":true,\"result\":{\"a\":[1,2.0,\"x\",null,{\"b\":false}],\"c\":{}}}",
        " { \"spaced\" : [ 1 , 2 ] } ",
        "{\"dup\":1,\"dup\":2}",
    })
    void readsAndWritesWhatJacksonDoes(String json) throws Exception {
        assertThat(WireJson.parse(json)).isEqualTo(JACKSON.readValue(json, Object.class));
        assertThat(WireJson.write(WireJson.parse(json))).isEqualTo(JACKSON.readTree(json).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[1,", "{\"a\" 1}", "{a:1}", "\"open", "tru", "01x", "[1] 2", "\"\\x\"",
        "\"\\u12\"", "\"tab\there\"", "-", "1.2.3"})
    void refusesWhatIsNotJson(String text) {
        assertThatThrownBy(() -> WireJson.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not JSON at character ");
    }

    @Test
    void refusesANumberTooLongToParseQuickly() {
        assertThatThrownBy(() -> WireJson.parse("[" + "9".repeat(1_000_000) + "]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a number longer than 1000");
        assertThat(WireJson.parse("9".repeat(1000))).isEqualTo(new java.math.BigInteger("9".repeat(1000)));
    }

    @Test
    void refusesNestingDeepEnoughToExhaustTheStack() {
        assertThatThrownBy(() -> WireJson.parse("[".repeat(100_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nested more than");
    }

    @Test
    void bindsTheProtocolsRecordsAsJacksonDoes() throws Exception {
        ReloadOutcome outcome = new ReloadOutcome(ReloadOutcome.Kind.RELOAD, true, 3, "Configuration reloaded",
                List.of(), List.of(new Change("llms.a.temperature", 0.7, 0.9, null),
                        new Change("functions.f.max_results", 2, 5000000000L, "an override"),
                        new Change("workflow.tools", List.of("a"), Map.of("b", true), null)),
                new Timings(1.5, 2.25, 0.125), Instant.parse("2026-12-02T01:02:03.456Z"));
        PluginStatus plugins = new PluginStatus("/p", 2, List.of(new PluginStatus.Jar("/p/a.jar", "ab12", "1.0")),
                List.of("word_count"));
        Map<String, String> live = new LinkedHashMap<>();
        live.put("llms.a.temperature", "0.5");
        ConfigStatus config = new ConfigStatus("config.yml", "/c/config.yml", "com.acme.Loader#load", true, 3, "ff",
                outcome, 1, 3, List.of("/c/config.yml"), List.of(), 0.5, 2, true, List.of("llms.a.model=x"), live, 4,
                plugins);
        JvmStatus status = new JvmStatus(true, 4242, List.of("com.acme.Loader#load"), List.of(config),
                List.of("aiq-dev: a problem"), null);
        HistoryItem item = new HistoryItem(3, Instant.parse("2026-12-02T01:02:03Z"), "ff", "file change",
                List.of("/c/config.yml"));

        assertThat(viaWire(status, JvmStatus.class)).isEqualTo(viaJackson(status, JvmStatus.class));
        assertThat(viaWire(outcome, ReloadOutcome.class)).isEqualTo(viaJackson(outcome, ReloadOutcome.class));
        assertThat(viaWire(item, HistoryItem.class)).isEqualTo(item);
        assertThat(viaWire(status, JvmStatus.class)).isEqualTo(status);
    }

    /** A record with every kind of component the protocol's records have, and some they might. */
    record Everything(String text, int small, long big, double real, boolean flag, Integer boxed, Path path,
                      Instant at, ReloadOutcome.Kind kind, List<Object> list, Map<String, Object> map, Object any,
                      Object date, String missing) {
    }

    @Test
    void writesTheProtocolsRecordsAsJacksonDoes() throws Exception {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("temperature", 0.7);
        tree.put("max", 5000000000L);
        tree.put("huge", new java.math.BigInteger("123456789012345678901234567890"));
        tree.put("exact", new java.math.BigDecimal("1.10"));
        tree.put("on", true);
        tree.put("none", null);
        tree.put("nested", List.of(Map.of("k", "v\u0007\"\\ caf\u00e9"), List.of()));
        Everything everything = new Everything("t\n\t", -3, Long.MIN_VALUE, 1e-7, true, null, Path.of("/a/b c.yml"),
                Instant.parse("2026-12-02T01:02:03.000000456Z"), ReloadOutcome.Kind.ROLLBACK, List.of(1, "2", 3.5),
                tree, tree, new java.util.Date(1_700_000_000_000L), null);
        ShownConfig shown = new ShownConfig("config.yml", 4, null, tree, "a: 1\n");

        for (Object value : List.of(everything, shown, Map.of("cleared", true), List.of(everything),
                new JvmStatus(false, 1, List.of(), List.of(), List.of()))) {
            assertThat(WireJson.write(WireRecords.encode(value))).isEqualTo(JACKSON.writeValueAsString(value));
        }
    }

    @Test
    void findsTheFirstKeyThatAppearsTwiceInAnObject() {
        assertThat(WireJson.duplicateKey("{\"op\":\"status\",\"op\":\"detach\"}")).isEqualTo("op");
        assertThat(WireJson.duplicateKey("{\"a\":{\"b\":1,\"b\":2},\"c\":1,\"c\":2}")).isEqualTo("b");
        assertThat(WireJson.duplicateKey("{\"a\":{\"b\":1},\"b\":2}")).isNull();
        assertThat(WireJson.duplicateKey("{\"a\":")).isNull();
    }

    @Test
    void fieldsItDoesNotKnowAreIgnoredAndMissingOnesTakeTheirDefault() throws Exception {
        JvmStatus status = WireRecords.decode(WireJson.parse("{\"active\":true,\"fromANewerAgent\":{\"x\":1}}"),
                JvmStatus.class);
        assertThat(status).isEqualTo(JACKSON.readValue("{\"active\":true,\"fromANewerAgent\":{\"x\":1}}",
                JvmStatus.class));
        assertThat(status.pid()).isZero();
    }

    @Test
    void aReplyOfAnotherShapeSaysWhereItDoesNotFit() {
        assertThatThrownBy(() -> WireRecords.decode(WireJson.parse("{\"pid\":\"x\"}"), JvmStatus.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JvmStatus.pid: expected a number");
        assertThatThrownBy(() -> WireRecords.decode(WireJson.parse("{\"kind\":\"NEWER\"}"), ReloadOutcome.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ReloadOutcome.kind: expected one of");
    }

    @Test
    void repliesAreDataTheirTextsEscapedAndMasked() throws Exception {
        Map<String, Object> reply = WireJson.reply("{\"ok\":true,\"result\":[\"\\u001b[31mred\","
                + "\"url https://user:hunter2@example.com/x\"]}");
        assertThat(WireJson.write(reply)).doesNotContain("\u001b").doesNotContain("hunter2");
    }

    private static <T> T viaWire(Object record, Class<T> type) throws Exception {
        return WireRecords.decode(WireJson.parse(JACKSON.writeValueAsString(record)), type);
    }

    private static <T> T viaJackson(Object record, Class<T> type) throws Exception {
        return JACKSON.readValue(JACKSON.writeValueAsString(record), type);
    }
}
