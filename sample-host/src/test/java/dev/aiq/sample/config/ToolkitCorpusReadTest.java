package dev.aiq.sample.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's loader reads the project's toolkit corpus (agent/src/test/resources/yaml/toolkit-corpus, whose
 * expectations are what the toolkit's own loader read) to the same trees: compared as JSON text, so that an int and a
 * float ({@code 8080}, {@code 8080.0}), a string and a number, and the order of keys all count.
 */
class ToolkitCorpusReadTest {

    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> theAppReadsEveryCaseAsTheToolkitDoes() throws IOException {
        Path source = Path.of("").toAbsolutePath().resolveSibling("agent").resolve("src/test/resources/yaml/toolkit-corpus");
        Path corpus = temp.resolve("corpus");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(f -> !source.relativize(f).startsWith("expected")).toList()) {
                Path target = corpus.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Map<String, String> env = new HashMap<>();
        JSON.readTree(source.resolve("env.json").toFile()).properties()
                .forEach(entry -> env.put(entry.getKey(), entry.getValue().asText()));
        env.put("CORPUS_DIR", corpus.toString());
        List<Path> cases;
        try (Stream<Path> files = Files.list(corpus.resolve("cases"))) {
            cases = files.sorted().toList();
        }

        assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
        return cases.stream().map(file -> {
            String name = file.getFileName().toString().replaceFirst("\\.yml$", "");
            return DynamicTest.dynamicTest(name, () -> {
                String expected = JSON.readTree(source.resolve("expected/" + name + ".json").toFile()).toString();
                String actual = JSON.valueToTree(YamlFiles.read(file, env)).toString();
                assertThat(actual).isEqualTo(expected);
            });
        });
    }
}
