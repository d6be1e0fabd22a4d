package dev.aiq.sample.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.sample.testing.Cli;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.HostProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/development-mode.md's "What it prints" is what the demo prints: the sample host's own {@code config.yml} under
 * the agent with its default options, edited the five ways the doc names, prints the doc's lines from
 * {@code Development Mode Active} on, in order and no others; only the config's path (the doc's is
 * {@value #DOC_PATH}) and the stage times differ.
 */
class DevelopmentModeDocIT {

    private static final Path DOC = Path.of("../docs/development-mode.md");
    private static final String DOC_PATH = "/home/me/aiq-dev/sample-host/config.yml";
    private static final Pattern TIMINGS = Pattern.compile("  read [\\d.]+ ms, validate [\\d.]+ ms, apply [\\d.]+ ms");

    @TempDir
    Path temp;

    @Test
    void theDocsSampleOutputIsWhatTheDemoPrints() throws IOException {
        List<String> expected = documentedOutput();
        ConfigDir dir = ConfigDir.in(temp);
        String original = Files.readString(Path.of("config.yml"));
        Path config = dir.writeAtomically("config.yml", original);

        try (HostProcess host = HostProcess.serve(config).jvmArgs("-javaagent:" + Cli.jar())
                .override("general.front_end.port", "0").start()) {
            host.awaitLine("Polling net: ");
            String warmer = edit(original, "    temperature: 0.7\n", "    temperature: 0.9\n");
            save(host, dir, warmer, "Starting workflow with updated configuration...");
            save(host, dir, edit(warmer, "    _type: nim\n", "    _type: invalid_llm\n"), "(attempt 1/3)");
            save(host, dir, edit(warmer, "  llm_name: nim_llm\n", "  llm_name: missing\n"), "(attempt 2/3)");
            save(host, dir, edit(warmer, "    temperature: 0.9\n", "    temperature: 5.0\n"),
                    "Configuration rolled back successfully");
            int mark = host.mark();
            dir.writeAtomically("config.yml", original);
            host.awaitLineAfter(mark, "Starting workflow with updated configuration...");

            List<String> printed = host.stderr();
            List<String> fromBanner = printed.subList(printed.indexOf("Development Mode Active"), printed.size());
            assertThat(normalised(fromBanner, config)).as(String.join("\n", printed)).isEqualTo(expected);
        }
    }

    /**
     * Saves {@code text} with a temporary file and a rename, as most editors do (never an empty file that a retry
     * after a failed attempt could read and report), and waits for the line that ends its outcome.
     */
    private static void save(HostProcess host, ConfigDir dir, String text, String ends) {
        int mark = host.mark();
        dir.writeAtomically("config.yml", text);
        host.awaitLineAfter(mark, ends);
    }

    private static String edit(String text, String from, String to) {
        assertThat(text).as("the sample config holds %s", from.strip()).contains(from);
        return text.replace(from, to);
    }

    /** The doc's block that starts with {@code $ ./aiq-dev-demo}, from its {@code Development Mode Active} line on. */
    private static List<String> documentedOutput() throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int start = lines.indexOf("$ ./aiq-dev-demo");
        assertThat(start).as("docs/development-mode.md has the demo's output").isPositive();
        List<String> block = new ArrayList<>();
        for (String line : lines.subList(start, lines.size())) {
            if (line.equals("```")) {
                break;
            }
            block.add(line);
        }
        return normalised(block.subList(block.indexOf("Development Mode Active"), block.size()), Path.of(DOC_PATH));
    }

    /** The lines with the config's path written {@code <config>}, and the stage times {@code <timings>}. */
    private static List<String> normalised(List<String> lines, Path config) {
        return lines.stream().map(line -> line.replace(config.toString(), "<config>"))
                .map(line -> TIMINGS.matcher(line).matches() ? "  <timings>" : line).toList();
    }
}
