package dev.aiq.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --override PATH VALUE} with the toolkit's semantics: conversion by the type already there. */
class ConfigOverridesTest {

    /** The shape of a small workflow config as a YAML reader gives it. */
    private static Map<String, Object> config() {
        Map<String, Object> nim = new LinkedHashMap<>();
        nim.put("_type", "nim");
        nim.put("temperature", 0.0);
        nim.put("max_tokens", 1024);
        nim.put("seed", 12345678901L);
        nim.put("stream", false);
        nim.put("api_key", null);
        Map<String, Object> llms = new LinkedHashMap<>();
        llms.put("nim_llm", nim);
        Map<String, Object> workflow = new LinkedHashMap<>();
        workflow.put("_type", "react_agent");
        workflow.put("tool_names", new ArrayList<>(List.of("wiki", "clock")));
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("llms", llms);
        tree.put("workflow", workflow);
        return tree;
    }

    private static Map<String, Object> apply(String... pathsAndValues) {
        return ConfigOverrides.ofPairs(List.of(pathsAndValues)).applyTo(config());
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> tree, String dottedPath) {
        Object node = tree;
        for (String key : dottedPath.split("\\.")) {
            node = ((Map<String, Object>) node).get(key);
        }
        return node;
    }

    @Test
    void aFloatBecomesADouble() {
        assertThat(at(apply("llms.nim_llm.temperature", "0.8"), "llms.nim_llm.temperature")).isEqualTo(0.8);
    }

    @Test
    void aFloatTakesAnIntegerExponentsAndInfinity() {
        assertThat(at(apply("llms.nim_llm.temperature", "1"), "llms.nim_llm.temperature")).isEqualTo(1.0);
        assertThat(at(apply("llms.nim_llm.temperature", " 2.5e-1 "), "llms.nim_llm.temperature")).isEqualTo(0.25);
        assertThat(at(apply("llms.nim_llm.temperature", "-inf"), "llms.nim_llm.temperature"))
                .isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void anIntegerStaysAnIntegerAndALongALong() {
        Map<String, Object> tree = apply("llms.nim_llm.max_tokens", "2048", "llms.nim_llm.seed", "7");

        assertThat(at(tree, "llms.nim_llm.max_tokens")).isEqualTo(2048);
        assertThat(at(tree, "llms.nim_llm.seed")).isEqualTo(7L);
    }

    @Test
    void anIntegerTooLargeForItsTypeWidens() {
        Map<String, Object> tree = apply("llms.nim_llm.max_tokens", "3000000000",
                "llms.nim_llm.seed", "123456789012345678901234567890");

        assertThat(at(tree, "llms.nim_llm.max_tokens")).isEqualTo(3_000_000_000L);
        assertThat(at(tree, "llms.nim_llm.seed")).isEqualTo(new BigInteger("123456789012345678901234567890"));
    }

    @Test
    void aBooleanTakesTrueOrFalseInAnyCase() {
        assertThat(at(apply("llms.nim_llm.stream", "TRUE"), "llms.nim_llm.stream")).isEqualTo(true);
        assertThat(at(apply("llms.nim_llm.stream", "False"), "llms.nim_llm.stream")).isEqualTo(false);
    }

    @Test
    void aListIsSplitOnCommasWithItemsTrimmed() {
        assertThat(at(apply("workflow.tool_names", "wiki, calculator ,clock"), "workflow.tool_names"))
                .isEqualTo(List.of("wiki", "calculator", "clock"));
        assertThat(at(apply("workflow.tool_names", ""), "workflow.tool_names")).isEqualTo(List.of());
    }

    @Test
    void aStringOrANullStaysAString() {
        Map<String, Object> tree = apply("workflow._type", "tool_calling_agent", "llms.nim_llm.api_key", "123");

        assertThat(at(tree, "workflow._type")).isEqualTo("tool_calling_agent");
        assertThat(at(tree, "llms.nim_llm.api_key")).isEqualTo("123");
    }

    @Test
    void missingMapsAndTheLeafAreCreatedWithTheLeafAsAString() {
        Map<String, Object> tree = apply("general.front_end.port", "8000");

        assertThat(tree.get("general")).isEqualTo(Map.of("front_end", Map.of("port", "8000")));
    }

    @Test
    void aPathThroughAScalarIsRefusedWithTheReason() {
        assertThatThrownBy(() -> apply("workflow._type.name", "x"))
                .isInstanceOf(OverrideException.class)
                .hasMessage("override 'workflow._type.name': 'workflow._type' is a string, not a map,"
                        + " so it has no key 'name'");
        assertThatThrownBy(() -> apply("llms.nim_llm.temperature.value", "1"))
                .hasMessage("override 'llms.nim_llm.temperature.value': 'llms.nim_llm.temperature' is a float,"
                        + " not a map, so it has no key 'value'");
        assertThatThrownBy(() -> apply("workflow.tool_names.0", "x"))
                .hasMessage("override 'workflow.tool_names.0': 'workflow.tool_names' is a list, not a map, so it has"
                        + " no key '0'");
    }

    @Test
    void aBadNumberNamesThePathTheTypeAndTheValue() {
        OverrideException failure = catchThrowableOfType(OverrideException.class,
                () -> apply("llms.nim_llm.temperature", "warm"));

        assertThat(failure).hasMessage("override 'llms.nim_llm.temperature': expected a float, got 'warm'");
        assertThat(failure.path()).isEqualTo("llms.nim_llm.temperature");
        assertThat(failure.expectedType()).isEqualTo("a float");
        assertThat(failure.value()).isEqualTo("warm");
        assertThatThrownBy(() -> apply("llms.nim_llm.max_tokens", "1.5"))
                .hasMessage("override 'llms.nim_llm.max_tokens': expected an integer, got '1.5'");
    }

    @Test
    void javaOnlyNumberFormsAreNotNumbers() {
        assertThatThrownBy(() -> apply("llms.nim_llm.temperature", "0.5f"))
                .hasMessage("override 'llms.nim_llm.temperature': expected a float, got '0.5f'");
        assertThatThrownBy(() -> apply("llms.nim_llm.temperature", "0x1p3"))
                .hasMessage("override 'llms.nim_llm.temperature': expected a float, got '0x1p3'");
        assertThatThrownBy(() -> apply("llms.nim_llm.max_tokens", "1_000"))
                .hasMessage("override 'llms.nim_llm.max_tokens': expected an integer, got '1_000'");
    }

    @Test
    void aBadBooleanIsRefused() {
        assertThatThrownBy(() -> apply("llms.nim_llm.stream", "yes"))
                .isInstanceOf(OverrideException.class)
                .hasMessage("override 'llms.nim_llm.stream': expected a boolean (true or false), got 'yes'");
    }

    @Test
    void aScalarInPlaceOfAMapIsRefused() {
        assertThatThrownBy(() -> apply("llms.nim_llm", "other"))
                .hasMessage("override 'llms.nim_llm': expected a map, got a string of 5 characters");
    }

    @Test
    void laterOverridesWinOverEarlierOnesAndFollowedByAppends() {
        assertThat(at(apply("llms.nim_llm.temperature", "0.1", "llms.nim_llm.temperature", "0.9"),
                "llms.nim_llm.temperature")).isEqualTo(0.9);

        ConfigOverrides app = ConfigOverrides.ofPairs(List.of("llms.nim_llm.temperature", "0.1"));
        ConfigOverrides live = ConfigOverrides.ofPairs(List.of("llms.nim_llm.temperature", "0.5"));
        assertThat(at(app.followedBy(live).applyTo(config()), "llms.nim_llm.temperature")).isEqualTo(0.5);
        assertThat(app.followedBy(live).entries()).extracting(ConfigOverrides.Entry::value).containsExactly("0.1", "0.5");
    }

    @Test
    void theOriginalTreeIsNotChanged() {
        Map<String, Object> original = config();
        Map<String, Object> before = config();

        Map<String, Object> changed = ConfigOverrides.ofPairs(List.of("llms.nim_llm.temperature", "0.9",
                "workflow.tool_names", "a", "general.debug", "true")).applyTo(original);

        assertThat(original).isEqualTo(before);
        assertThat(changed).isNotEqualTo(before);
    }

    @Test
    void anUnmodifiableTreeCanBeOverriddenAndTheResultIsMutable() {
        Map<String, Object> result = ConfigOverrides.ofPairs(List.of("llms.nim.temperature", "0.5"))
                .applyTo(Map.of("llms", Map.of("nim", Map.of("temperature", 0.0))));

        assertThat(at(result, "llms.nim.temperature")).isEqualTo(0.5);
        result.put("extra", 1);
        assertThat(result).containsKey("extra");
    }

    @Test
    void aNullTreeIsAnEmptyOne() {
        assertThat(ConfigOverrides.ofPairs(List.of("a.b", "c")).applyTo(null)).isEqualTo(Map.of("a", Map.of("b", "c")));
    }

    @Test
    void anOddCountOfPathsAndValuesIsRefused() {
        assertThatThrownBy(() -> ConfigOverrides.ofPairs(List.of("llms.nim_llm.temperature", "0.9", "workflow._type")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--override takes two values, PATH and VALUE; got an odd number (3) of arguments");
    }

    @Test
    void aPathThatIsNotDottedIsRefused() {
        for (String path : List.of("", " ", ".llms", "llms.", "llms..nim")) {
            assertThatThrownBy(() -> new ConfigOverrides.Entry(path, "1"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("override path '" + path + "' is not a dotted path such as llms.nim_llm.temperature");
        }
    }

    @Test
    void aSecretValueNeverReachesAMessage() {
        String secret = "sk-LIVE-0123456789";
        OverrideException through = catchThrowableOfType(OverrideException.class,
                () -> ConfigOverrides.ofPairs(List.of("llms.x.api_key", secret, "llms.x.api_key.sub", "y"))
                        .applyTo(Map.of()));

        assertThat(through).hasMessage("override 'llms.x.api_key.sub': 'llms.x.api_key' is a string, not a map, so it "
                + "has no key 'sub'");
        assertThatThrownBy(() -> ConfigOverrides.ofPairs(List.of("llms.nim_llm", secret)).applyTo(config()))
                .hasMessage("override 'llms.nim_llm': expected a map, got a string of 18 characters");
        assertThat(ConfigOverrides.ofPairs(List.of("llms.x.api_key", secret)).toString())
                .isEqualTo("[llms.x.api_key=****]");
    }

    @Test
    void aQuotedValueIsCutAndEscaped() {
        assertThatThrownBy(() -> apply("llms.nim_llm.temperature", "w\u001b]0;t\u0007" + "x".repeat(100)))
                .hasMessage("override 'llms.nim_llm.temperature': expected a float, got 'w\\u001b]0;t\\u0007"
                        + "x".repeat(53) + "' (cut, 107 characters)");
    }

    @Test
    void aPathDeeperThanAConfigFileIsRefused() {
        String deep = String.join(".", java.util.Collections.nCopies(1_500, "k"));

        assertThatThrownBy(() -> new ConfigOverrides.Entry(deep, "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("override path is 1500 keys deep, more than 50 (config files are limited to 50 levels too)");
        assertThat(new ConfigOverrides.Entry(String.join(".", java.util.Collections.nCopies(50, "k")), "1").path())
                .hasSize(99);
    }

    @Test
    void aPathWithControlCharactersIsRefused() {
        for (String path : List.of("a.b\nforged: ok", "a.\u001b[2Jb")) {
            assertThatThrownBy(() -> new ConfigOverrides.Entry(path, "1"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("override path contains a control character");
        }
    }

    @Test
    void noOverridesIsEmptyAndLeavesACopyOfTheTree() {
        Map<String, Object> copy = ConfigOverrides.none().applyTo(config());

        assertThat(ConfigOverrides.none().isEmpty()).isTrue();
        assertThat(ConfigOverrides.ofPairs(List.of())).isSameAs(ConfigOverrides.none());
        assertThat(copy).isEqualTo(config());
    }

    @Test
    void equalityAndTextFollowTheEntries() {
        ConfigOverrides one = ConfigOverrides.ofPairs(List.of("a.b", "1", "c", "x"));
        ConfigOverrides same = ConfigOverrides.of(List.of(new ConfigOverrides.Entry("a.b", "1"),
                new ConfigOverrides.Entry("c", "x")));

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(one).hasToString("[a.b=****, c=****]");
    }
}
