package dev.aiq.agent.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus in {@code yaml/toolkit-corpus}: configs in the shapes of the toolkit's own examples (every front end,
 * {@code base:} chains, prompts one directory up and absolute, variables of every type, MCP and A2A clients, eval and
 * optimizer sections, the reference configs), each read here and compared value by value and type by type with
 * {@code expected/<case>.json}, which is what the toolkit's own loader ({@code yaml_tools.yaml_load}, PyYAML 6.0.3,
 * expandvars 1.1.2) read from the same files (see {@code generate_expected.py}). JSON keeps Python's types apart: an
 * int, a float, a string, a boolean, null.
 */
class ToolkitCorpusTest {

    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> everyCaseReadsAsTheToolkitReadsIt() throws Exception {
        Path source = corpus();
        Path corpus = copy(source, temp.resolve("corpus"));
        Map<String, String> env = new HashMap<>();
        JSON.readTree(source.resolve("env.json").toFile()).properties()
                .forEach(entry -> env.put(entry.getKey(), entry.getValue().asText()));
        env.put("CORPUS_DIR", corpus.toString());
        YamlReader reader = new YamlReader(env);
        List<Path> cases;
        try (Stream<Path> files = Files.list(corpus.resolve("cases"))) {
            cases = files.filter(file -> file.toString().endsWith(".yml")).sorted().toList();
        }

        assertThat(cases).as("cases in the corpus").hasSizeGreaterThanOrEqualTo(40);
        return cases.stream().map(file -> {
            String name = file.getFileName().toString().replaceFirst("\\.yml$", "");
            return DynamicTest.dynamicTest(name, () -> {
                JsonNode expected = JSON.readTree(source.resolve("expected").resolve(name + ".json").toFile());
                assertSameTree(name, reader.read(file).tree(), expected);
            });
        });
    }

    /** Fails naming the first path where {@code actual} and {@code expected} differ in value, type or key order. */
    static void assertSameTree(String path, Object actual, JsonNode expected) {
        if (expected.isObject()) {
            if (!(actual instanceof Map<?, ?> map)) {
                fail(path + ": expected a map, got " + describe(actual));
                return;
            }
            List<String> expectedKeys = new ArrayList<>();
            expected.fieldNames().forEachRemaining(expectedKeys::add);
            assertThat(new ArrayList<>(map.keySet())).as(path + ": keys in order").isEqualTo(expectedKeys);
            for (String key : expectedKeys) {
                assertSameTree(path + "." + key, map.get(key), expected.get(key));
            }
        } else if (expected.isArray()) {
            if (!(actual instanceof List<?> list)) {
                fail(path + ": expected a list, got " + describe(actual));
                return;
            }
            assertThat(list).as(path + ": list size").hasSize(expected.size());
            Iterator<JsonNode> items = expected.elements();
            for (int i = 0; items.hasNext(); i++) {
                assertSameTree(path + "[" + i + "]", list.get(i), items.next());
            }
        } else if (expected.isNull()) {
            assertThat(actual).as(path + ": null").isNull();
        } else if (expected.isBoolean()) {
            assertThat(actual).as(path + ": a boolean").isInstanceOf(Boolean.class).isEqualTo(expected.booleanValue());
        } else if (expected.isIntegralNumber()) {
            assertThat(actual).as(path + ": an int").isInstanceOfAny(Integer.class, Long.class, BigInteger.class);
            assertThat(new BigInteger(actual.toString())).as(path).isEqualTo(expected.bigIntegerValue());
        } else if (expected.isFloatingPointNumber()) {
            assertThat(actual).as(path + ": a float").isInstanceOf(Double.class);
            assertThat(Double.compare((Double) actual, expected.doubleValue())).as(path + ": " + actual).isZero();
        } else {
            assertThat(actual).as(path + ": a string").isInstanceOf(String.class).isEqualTo(expected.textValue());
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }

    private static Path corpus() throws URISyntaxException {
        return Path.of(ToolkitCorpusTest.class.getResource("/yaml/toolkit-corpus/env.json").toURI()).getParent();
    }

    /** Copies the corpus but not its expectations: the reader sees what the toolkit saw, in a fresh project. */
    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path relative = from.relativize(file);
                if (relative.startsWith("expected") || file.toString().endsWith(".py")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }
}
