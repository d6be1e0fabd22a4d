package dev.aiq.agent.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every example in docs/configuration.md reads as the page says. Under each heading, a block labelled with a file name
 * ({@code **config.yml**}) is written to a fresh directory; {@code **Reads as:**} is the expected tree (read with plain
 * SnakeYAML, so that it means exactly what it shows), and {@code **Prints:**} the expected warnings, or, without a
 * {@code Reads as}, the expected errors ({@code <example-dir>} in them is the example's directory).
 */
class ConfigurationDocTest {

    private static final Pattern LABEL = Pattern.compile("\\*\\*([^*]+?):?\\*\\*");
    private static final Map<String, String> ENV = Map.of("NVIDIA_API_KEY", "nvapi-example");

    /** One heading's worth of example. */
    private static final class Example {

        final String heading;
        final Map<String, String> files = new LinkedHashMap<>();
        String readsAs;
        String prints;

        Example(String heading) {
            this.heading = heading;
        }
    }

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> everyExampleOnThePageReadsAsItSays() throws IOException {
        List<Example> examples = examples(Files.readAllLines(page()));

        assertThat(examples).as("examples found on the page").hasSizeGreaterThanOrEqualTo(9);
        return examples.stream().map(example -> DynamicTest.dynamicTest(example.heading, () -> check(example)));
    }

    private void check(Example example) throws Exception {
        ConfigDir config = new ConfigDir(Files.createTempDirectory(temp, "example"), ENV);
        example.files.forEach(config::write);
        // "<example-dir>" on the page stands for the example's directory, which is a fresh temporary one here.
        List<String> printed = example.prints == null ? List.of()
                : example.prints.replace("<example-dir>", config.dir().toString()).lines().toList();

        if (example.readsAs == null) {
            assertThat(example.prints).as("an example without 'Reads as' shows its errors").isNotNull();
            assertThat(config.errors("config.yml")).containsExactlyElementsOf(printed);
            return;
        }
        ReadResult result = config.read("config.yml");
        Object expected = new Yaml(new SafeConstructor(new LoaderOptions())).load(example.readsAs);
        assertThat(result.tree()).isEqualTo(expected);
        assertThat(result.warnings()).extracting(warning -> warning.render(config.dir()))
                .containsExactlyElementsOf(printed);
    }

    private static List<Example> examples(List<String> lines) {
        List<Example> examples = new ArrayList<>();
        Example current = null;
        String label = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher matcher = LABEL.matcher(line.strip());
            if (line.startsWith("#")) {
                current = new Example(line.replaceFirst("^#+\\s*", ""));
                examples.add(current);
                label = null;
            } else if (matcher.matches()) {
                label = matcher.group(1);
            } else if (line.startsWith("```") && label != null && current != null) {
                StringBuilder block = new StringBuilder();
                for (i++; !lines.get(i).startsWith("```"); i++) {
                    block.append(lines.get(i)).append('\n');
                }
                String text = block.toString();
                switch (label) {
                    case "Reads as" -> current.readsAs = text;
                    case "Prints" -> current.prints = text;
                    default -> current.files.put(label, text.substring(0, text.length() - 1));
                }
                label = null;
            }
        }
        examples.removeIf(example -> example.files.isEmpty());
        return examples;
    }

    private static Path page() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path page = dir.resolve("docs/configuration.md");
            if (Files.isRegularFile(page)) {
                return page;
            }
        }
        throw new AssertionError("docs/configuration.md not found above " + Path.of("").toAbsolutePath());
    }
}
