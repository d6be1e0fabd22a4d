package dev.aiq.sample.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aiq.junit.AppProcess;
import dev.aiq.sample.testing.Cli;
import dev.aiq.sample.testing.HostProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code $ aiq-dev ...} example of docs/cli.md, read from the doc itself, run in its order against a live
 * sample host (pid {@value #DOC_PID} in the doc) serving {@code cli-doc/config.yml}, in a directory holding the doc's
 * files; each output must have the documented shape: the exit code, the first line and every documented line in
 * order (numbers, hashes and absolute paths may differ), and for JSON the same keys with the same types. An
 * {@code <!-- example: edit FILE "OLD" -> "NEW" -->} comment edits a file before the next example. The few examples
 * that need another kind of target are named in {@link #NOT_RUN_HERE} with the test that covers them.
 */
class CliDocExamplesIT {

    private static final String DOC_PID = "4242";
    private static final Path DOC = Path.of("../docs/cli.md");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EDIT = Pattern.compile("<!-- example: edit (\\S+) \"(.*)\" -> \"(.*)\" -->");
    private static final Pattern PRINTF = Pattern.compile("^printf \"((?:[^\"\\\\]|\\\\.)*)\" \\| (aiq-dev .*)$");

    /** Examples that need another target than one sample host, and the tests that run them. */
    private static final Map<String, String> NOT_RUN_HERE = Map.ofEntries(
            Map.entry("aiq-dev reload TestHost", "two JVMs matching one substring: JvmSelectionTest"),
            Map.entry("aiq-dev reload 31703", "an app with two configs: SeveralConfigsCommandsTest, TwoFilesIT"),
            Map.entry("aiq-dev reload 31703 --config tools", "an app with two configs: TwoFilesIT"),
            Map.entry("aiq-dev reload 31703 --config /tmp/cm-app/", "an app with two configs: SeveralConfigsCommandsTest"),
            Map.entry("aiq-dev reload 31703 --config prompts", "an app with two configs: SeveralConfigsCommandsTest"),
            Map.entry("aiq-dev status 31703", "an app with two configs: TwoFilesIT"),
            Map.entry("aiq-dev attach marker26", "a JVM that refuses agents: ControlAttachIT"),
            Map.entry("printf \"r\\nconfig tools\\nr\\nconfig\\nq\\n\" | aiq-dev interactive 31703", "two configs: TwoFilesIT"),
            Map.entry("aiq-dev follow 4242", "streams until Ctrl+C: ShowAndFollowIT"),
            Map.entry("aiq-dev attach 4242 --config_file /srv/other.yml", "options that conflict with the live ones: AttachStoryIT"),
            Map.entry("aiq-dev attach 1911 --config_file /srv/missing.yml", "a JVM where dev mode did not become active: AttachStoryIT"),
            Map.entry("aiq-dev attach 1911 --config_file /srv/base-config.yml", "a JVM where dev mode did not become active: AttachStoryIT"),
            Map.entry("aiq-dev attach --all worker- --delay 0", "three JVMs, one killed: AttachFleetIT"),
            Map.entry("aiq-dev set --all worker- llms.nim_llm.temperature 0.2", "several JVMs: AttachFleetIT"));

    @TempDir
    Path work;

    /** One documented command and what the doc says it prints. */
    private record Example(String command, List<String> expected, int exitCode, List<String[]> editsBefore) {
    }

    @Test
    void everyExampleOfTheDocRunsAndPrintsWhatTheDocShows() throws IOException {
        for (String name : List.of("config.yml", "base-config.yml", "config-high-temp.yml", "broken.yml")) {
            Files.writeString(work.resolve(name), resource("cli-doc/" + name));
        }
        List<Example> examples = examples(Files.readAllLines(DOC));
        Set<String> documented = new LinkedHashSet<>();
        examples.forEach(example -> documented.add(example.command()));
        assertThat(documented).as("every example named as not run here is in the doc")
                .containsAll(NOT_RUN_HERE.keySet());

        try (HostProcess host = HostProcess.serve(work.resolve("config.yml"))
                .jvmArgs("-XX:+EnableDynamicAgentLoading", "-javaagent:" + Cli.jar() + "=delay=0,poll=0,events=false")
                .workingDirectory(work)
                .start()) {
            host.awaitLine("Development Mode Active");
            String pid = Long.toString(host.process().pid());
            await().atMost(HostProcess.TIMEOUT).until(() -> run("aiq-dev status " + pid, "").exitCode == 0);
            StringBuilder transcript = new StringBuilder();
            int ran = 0;
            for (Example example : examples) {
                if (NOT_RUN_HERE.containsKey(example.command())) {
                    continue;
                }
                for (String[] edit : example.editsBefore()) {
                    edit(edit);
                }
                Run run = runDocumented(example.command().replaceAll("\\b" + DOC_PID + "\\b", pid));
                transcript.append("$ ").append(example.command()).append('\n').append(run.output());
                if (run.exitCode != 0) {
                    transcript.append("[exit ").append(run.exitCode).append("]\n");
                }
                transcript.append('\n');
                if (System.getProperty("cli.doc.transcript") == null) {
                    assertShape(example, run);
                }
                ran++;
            }
            dump(transcript);
            assertThat(ran).as("examples run").isGreaterThan(20);
        }
    }

    private void assertShape(Example example, Run run) {
        String what = "$ " + example.command() + "\ndocumented:\n" + String.join("\n", example.expected())
                + "\nprinted:\n" + run.output();
        assertThat(run.exitCode).as(what).isEqualTo(example.exitCode());
        if (example.expected().isEmpty()) {
            return;
        }
        String first = example.expected().get(0).strip();
        if (first.startsWith("{") || first.startsWith("[")) {
            JsonNode documented = readJson(String.join("\n", example.expected()), what);
            JsonNode printed = readJson(run.output(), what);
            assertThat(printed.isObject()).as("every --json is one object: " + what).isTrue();
            assertThat(shape(printed)).as(what).isEqualTo(shape(documented));
            return;
        }
        List<String> printed = run.output().lines().map(CliDocExamplesIT::normalised).toList();
        List<String> wanted = example.expected().stream().map(CliDocExamplesIT::normalised).toList();
        assertThat(printed).as(what).isNotEmpty();
        assertThat(printed.get(0)).as(what).isEqualTo(wanted.get(0));
        Iterator<String> lines = printed.iterator();
        for (String line : wanted) {
            boolean found = false;
            while (lines.hasNext() && !found) {
                found = lines.next().equals(line);
            }
            assertThat(found).as("documented line '" + line + "' in order: " + what).isTrue();
        }
    }

    /** The keys and value types of a JSON value; an array by its first item. */
    private static String shape(JsonNode node) {
        if (node.isObject()) {
            StringBuilder keys = new StringBuilder("{");
            node.fields().forEachRemaining(field -> keys.append(field.getKey()).append(':')
                    .append(shape(field.getValue())).append(','));
            return keys.append('}').toString();
        }
        if (node.isArray()) {
            return node.isEmpty() ? "[]" : "[" + shape(node.get(0)) + "]";
        }
        return node.isNumber() ? "number" : node.getNodeType().name().toLowerCase();
    }

    /** A line with what differs between runs made alike: paths, hashes, numbers, runs of spaces. */
    private static String normalised(String line) {
        return line.replaceAll("(?<![\\w.])/[^\\s:,()'\"\\]]+", "PATH")
                .replaceAll("\\b[0-9a-f]{12,64}\\b", "HASH")
                .replaceAll("\\d+(\\.\\d+)?", "N")
                .replaceAll("\\s+", " ").strip();
    }

    private static JsonNode readJson(String text, String what) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + what, e);
        }
    }

    static List<Example> examples(List<String> doc) {
        List<Example> examples = new ArrayList<>();
        List<String[]> edits = new ArrayList<>();
        boolean fenced = false;
        String command = null;
        List<String> expected = new ArrayList<>();
        int exitCode = 0;
        for (String raw : doc) {
            String line = raw.strip();
            if (line.startsWith("```")) {
                if (fenced && command != null) {
                    examples.add(new Example(command, List.copyOf(expected), exitCode, List.copyOf(edits)));
                    edits.clear();
                    command = null;
                }
                fenced = !fenced;
                continue;
            }
            if (!fenced) {
                Matcher edit = EDIT.matcher(line);
                if (edit.matches()) {
                    edits.add(new String[] {edit.group(1), unescape(edit.group(2)), unescape(edit.group(3))});
                }
                continue;
            }
            if (line.startsWith("$ ") && line.contains("aiq-dev")) {
                if (command != null) {
                    examples.add(new Example(command, List.copyOf(expected), exitCode, List.copyOf(edits)));
                    edits.clear();
                }
                command = line.substring(2);
                expected = new ArrayList<>();
                exitCode = 0;
            } else if (command != null && line.matches("\\[exit \\d]")) {
                exitCode = line.charAt(6) - '0';
            } else if (command != null && !line.isEmpty()) {
                expected.add(raw);
            }
        }
        return examples;
    }

    private void edit(String[] edit) throws IOException {
        Path file = work.resolve(edit[0]);
        String text = Files.readString(file);
        assertThat(text).as("the doc's edit of " + edit[0] + " finds its text").contains(edit[1]);
        Files.writeString(file, text.replace(edit[1], edit[2]));
    }

    /** Runs a documented command line: {@code aiq-dev ...}, or {@code printf "..." | aiq-dev ...}. */
    private Run runDocumented(String command) {
        Matcher piped = PRINTF.matcher(command);
        return piped.matches() ? run(piped.group(2), unescape(piped.group(1))) : run(command, "");
    }

    private Run run(String command, String input) {
        // stdout and stderr into one file, as a terminal shows them: the doc's lines are in the order they came
        List<String> line = AppProcess.jar(Cli.jar()).args(words(command.substring("aiq-dev ".length()))).command();
        try {
            Path out = Files.createTempFile(work, "out", ".txt");
            Process process = new ProcessBuilder(line).directory(work.toFile()).redirectOutput(out.toFile())
                    .redirectErrorStream(true).start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            assertThat(process.waitFor(Cli.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as(command).isTrue();
            return new Run(process.exitValue(), Files.readString(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Words of a command line, with '...' and "..." quoting as a shell does for these examples. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher word = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)").matcher(text);
        while (word.find()) {
            words.add(word.group(1) != null ? word.group(1) : word.group(2) != null ? word.group(2) : word.group(3));
        }
        return words;
    }

    private static String unescape(String text) {
        return text.replace("\\n", "\n").replace("\\\"", "\"");
    }

    /** With {@code -Dcli.doc.transcript=FILE}: what every example printed, to bring the doc up to date. */
    private static void dump(CharSequence transcript) throws IOException {
        String file = System.getProperty("cli.doc.transcript");
        if (file != null) {
            Files.writeString(Path.of(file), transcript);
        }
    }

    private static String resource(String name) throws IOException {
        try (var in = CliDocExamplesIT.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no class-path resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** How one command ended: its exit code and everything it printed (standard error after output). */
    private record Run(int exitCode, String output) {
    }
}
