package dev.aiq.sample.reliability;

import static dev.aiq.sample.reliability.HostileInput.accepted;
import static dev.aiq.sample.reliability.HostileInput.empty;
import static dev.aiq.sample.reliability.HostileInput.missing;
import static dev.aiq.sample.reliability.HostileInput.rejected;

import dev.aiq.sample.reliability.HostileInput.Edit;
import dev.aiq.sample.reliability.HostileInput.Expected;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;

/**
 * The table of hostile inputs: every bad input class of the agent's YAML reader, of the app's own loader and
 * validator, and of the file system, plus inputs that look odd but must be accepted (CRLF, a byte order mark, a
 * 100,000-key map). Each starts from the good config and leaves the config directory for the next to restore.
 */
final class HostileInputs {

    private static final String TEMPERATURE = "    temperature: 0.7\n";
    private static final String TOOL_NAMES = "[wikipedia_search, current_datetime]";

    private final List<HostileInput> inputs = new ArrayList<>();

    private HostileInputs() {
    }

    /** Returns every hostile input, in the order they run. */
    static List<HostileInput> all() {
        HostileInputs table = new HostileInputs();
        table.yamlSyntax();
        table.tagsAndAliases();
        table.includesAndBases();
        table.bytes();
        table.appRules();
        table.faultsOfTheApp();
        table.files();
        return List.copyOf(table.inputs);
    }

    private void yamlSyntax() {
        add("malformed YAML: a list that is never closed",
                w -> w.write(w.goodWith(TOOL_NAMES, "[wikipedia_search, current_datetime")),
                rejected("config.yml:26:11: expected ',' or ']' in the list opened at line 25, column 15"));
        add("malformed YAML: a quote that is never closed",
                w -> w.write(w.goodWith("model_name: meta/", "model_name: \"meta/")),
                rejected("config.yml:11:17: unclosed quote: this string is never closed"));
        add("malformed YAML: a map value on the line of a scalar",
                w -> w.write(w.goodWith(TEMPERATURE, "    temperature: 0.7: 0.9\n")),
                rejected("config.yml:12:21: ':' is not allowed here; check the indentation, or quote a value that contains ': '"));
        add("a tab used for indentation",
                w -> w.write(w.goodWith(TEMPERATURE, "\ttemperature: 0.7\n")),
                rejected("config.yml:12:1: tabs are not allowed for indentation"));
        add("a key written twice in one map",
                w -> w.write(w.goodWith(TEMPERATURE, TEMPERATURE + "    temperature: 0.9\n")),
                rejected("duplicate key 'temperature'"));
        add("a section written twice",
                w -> w.write(w.good() + "workflow:\n  _type: tool_calling_agent\n  llm_name: nim_llm\n"),
                rejected("duplicate key 'workflow'"));
        add("maps nested 100 deep",
                w -> w.write(w.good() + blockNesting(100)),
                rejected("config.yml:78:101: lists and maps are nested more than 50 levels deep"));
        add("lists nested 100 deep",
                w -> w.write(w.good() + "eval: " + "[".repeat(100) + "]".repeat(100) + "\n"),
                rejected("config.yml:28:56: lists and maps are nested more than 50 levels deep"));
        add("a 5 MB document",
                w -> w.write(w.good() + longList(5 << 20)),
                rejected("larger than the 3 MB limit"));
        add("a 10 MB line",
                w -> w.write(w.good() + "eval:\n  line: " + "x".repeat(10 << 20) + "\n"),
                rejected("larger than the 3 MB limit"));
        add("two documents in one file",
                w -> w.write(w.good() + "---\n" + w.good()),
                rejected("config.yml:28:1: a config is one YAML document, but a second one starts here"));
        add("a list at the top level",
                w -> w.write("- general\n- llms\n"),
                rejected("config.yml:1:1: the top level of a config must be a map, not a list"));
        add("a plain string at the top level",
                w -> w.write("just some text\n"),
                rejected("config.yml:1:1: the top level of a config must be a map, not a string ('just some text')"));
        add("a list as a key",
                w -> w.write(w.good() + "eval:\n  ? [a, b]\n  : c\n"),
                rejected("config.yml:29:5: a key must be a plain value, not a list"));
    }

    private void tagsAndAliases() {
        add("billion laughs: 72 aliases, beyond the limit of 50",
                w -> w.write(w.good() + billionLaughs(9, 9)),
                rejected("config.yml:35:37: more than 50 aliases of lists or maps; this looks like a 'billion laughs' document"));
        add("billion laughs within the alias limit: 3^16 values",
                w -> w.write(w.good() + billionLaughs(16, 3)),
                rejected("config.yml: the config expands to more than 1000000 values through aliases or repeated includes"));
        add("a list that contains itself through an alias",
                w -> w.write(w.good() + "eval:\n  loop: &loop [1, *loop]\n"),
                rejected("config.yml:29:9: this list contains itself through an alias"));
        add("an alias without its anchor",
                w -> w.write(w.goodWith("    temperature: 0.7", "    temperature: *undefined")),
                rejected("config.yml:12:18: unknown alias '*undefined'"));
        add("the global tag !!java.io.File",
                w -> w.write(w.good() + "eval:\n  file: !!java.io.File /etc/passwd\n"),
                rejected("tag '!!java.io.File' is not allowed"));
        add("the ScriptEngineManager gadget",
                w -> w.write(w.good() + "eval:\n  gadget: !!javax.script.ScriptEngineManager "
                        + "[!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:9/\"]]]]\n"),
                rejected("config.yml:29:11: tag '!!javax.script.ScriptEngineManager' is not allowed"));
        add("a Python object tag",
                w -> w.write(w.good() + "eval:\n  run: !!python/object/apply:os.system [\"echo pwned\"]\n"),
                rejected("config.yml:29:8: tag '!!python/object/apply:os.system' is not allowed"));
        add("a local tag",
                w -> w.write(w.good() + "eval:\n  custom: !secret value\n"),
                rejected("config.yml:29:11: unknown tag '!secret'; the only custom tag is !include"));
    }

    private void includesAndBases() {
        add("!include of a missing file",
                w -> w.write(w.good() + "eval: !include missing.yml\n"),
                rejected("config.yml:28:7: included file 'missing.yml' does not exist"));
        add("!include ../outside.yml",
                w -> {
                    w.writeFile("../outside.yml", "secret: 1\n");
                    w.write(w.good() + "eval: !include ../outside.yml\n");
                },
                rejected("config.yml:28:7: include '../outside.yml' is outside the project root "));
        add("!include of an absolute path outside",
                w -> w.write(w.good() + "eval: !include /etc/hostname\n"),
                rejected("config.yml:28:7: include '/etc/hostname' is outside the project root "));
        add("!include through a symlink that leaves the config directory",
                w -> {
                    Path outside = w.writeFile("../outside-linked.yml", "secret: 1\n");
                    w.symlink("escape.yml", outside);
                    w.write(w.good() + "eval: !include escape.yml\n");
                },
                rejected("config.yml:28:7: include 'escape.yml' resolves to "));
        add("!include of the config itself",
                w -> w.write(w.good() + "eval: !include config.yml\n"),
                rejected("config.yml:28:7: include cycle: config.yml -> config.yml"));
        add("!include cycle through two files",
                w -> {
                    w.writeFile("cycle-a.yml", "next: !include cycle-b.yml\n");
                    w.writeFile("cycle-b.yml", "next: !include cycle-a.yml\n");
                    w.write(w.good() + "eval: !include cycle-a.yml\n");
                },
                rejected("cycle-b.yml:1:7: include cycle: cycle-a.yml -> cycle-b.yml -> cycle-a.yml"));
        add("!include chain 20 files deep",
                w -> {
                    for (int i = 1; i < 20; i++) {
                        w.writeFile("chain/" + i + ".yml", "next: !include " + (i + 1) + ".yml\n");
                    }
                    w.writeFile("chain/20.yml", "end: true\n");
                    w.write(w.good() + "eval: !include chain/1.yml\n");
                },
                rejected("chain/16.yml:1:7: includes and bases are nested more than 16 levels deep"));
        add("!include of a directory",
                w -> {
                    w.directory("samples.d");
                    w.write(w.good() + "eval: !include samples.d\n");
                },
                rejected("config.yml:28:7: included file 'samples.d' is a directory, not a file"));
        add("!include of a named pipe (reading it would block)",
                w -> {
                    w.fifo("pipe.yml");
                    w.write(w.good() + "eval: !include pipe.yml\n");
                },
                rejected("pipe.yml: is not a regular file"));
        add("base: of the config itself",
                w -> w.write("base: config.yml\n" + w.good()),
                rejected("config.yml:1:7: base cycle: config.yml -> config.yml"));
        add("base: cycle through two files",
                w -> {
                    w.writeFile("base-a.yml", "base: base-b.yml\n");
                    w.writeFile("base-b.yml", "base: base-a.yml\n");
                    w.write("base: base-a.yml\n" + w.good());
                },
                rejected("base-b.yml:1:7: base cycle: base-a.yml -> base-b.yml -> base-a.yml"));
        add("base: a missing file",
                w -> w.write("base: missing-base.yml\n" + w.good()),
                rejected("config.yml:1:7: base file 'missing-base.yml' does not exist"));
        add("base: ../outside.yml",
                w -> {
                    w.writeFile("../outside-base.yml", "llms: {}\n");
                    w.write("base: ../outside-base.yml\n" + w.good());
                },
                rejected("config.yml:1:7: base '../outside-base.yml' is outside the project root "));
        add("file:// of a missing file",
                w -> w.write(w.goodWith("  verbose: true\n", "  verbose: true\n  system_prompt: file://prompts/missing.txt\n")),
                rejected("config.yml:28:18: referenced file 'prompts/missing.txt' does not exist"));
        add("file:// of a file outside",
                w -> {
                    w.writeFile("../outside.txt", "secret prompt\n");
                    w.write(w.goodWith("  verbose: true\n", "  verbose: true\n  system_prompt: file://../outside.txt\n"));
                },
                rejected("config.yml:28:18: 'file://../outside.txt' is outside the project root "));
    }

    private void bytes() {
        add("binary bytes",
                w -> {
                    byte[] noise = new byte[4096];
                    new Random(6).nextBytes(noise);
                    w.writeBytes(noise);
                },
                rejected("config.yml:1:1: not valid UTF-8 (byte 0x86); save the file as UTF-8"));
        add("invalid UTF-8 in a value",
                w -> w.writeBytes(withBytes(w.goodWith("meta/llama", "meta/ll@ama"), "@", (byte) 0xC3, (byte) 0x28)),
                rejected("config.yml:11:24: not valid UTF-8 (byte 0xc3); save the file as UTF-8"));
        add("a NUL byte in a value",
                w -> w.write(w.goodWith("meta/llama", "meta/ll\u0000ama")),
                rejected("config.yml:11:24: control character U+0000 is not allowed in YAML; is this a binary file?"));
        add("UTF-16 with a byte order mark",
                w -> w.writeBytes(utf16WithByteOrderMark(w.good())),
                rejected("config.yml:1:1: not valid UTF-8 (byte 0xff); save the file as UTF-8"));
    }

    private void appRules() {
        add("an unknown LLM type",
                w -> w.write(w.goodWith("    _type: nim\n", "    _type: gpt_from_mars\n")),
                rejected("config.yml:10:5: llms.nim_llm._type: Unknown LLM type 'gpt_from_mars'"));
        add("an unknown function type",
                w -> w.write(w.goodWith("_type: wiki_search", "_type: crystal_ball")),
                rejected("config.yml:18:5: functions.wikipedia_search._type: Unknown function type 'crystal_ball'"));
        add("an unknown workflow type",
                w -> w.write(w.goodWith("_type: react_agent", "_type: mind_reader")),
                rejected("config.yml:24:3: workflow._type: Unknown workflow type 'mind_reader'"));
        add("an unknown front end type",
                w -> w.write(w.goodWith("_type: fastapi", "_type: carrier_pigeon")),
                rejected("config.yml:4:5: general.front_end._type: Unknown front end type 'carrier_pigeon'"));
        add("an unknown section",
                w -> w.write(w.good() + "telemetry_x:\n  enabled: true\n"),
                rejected("config.yml:28:1: telemetry_x: unknown top-level section 'telemetry_x'"));
        add("a workflow naming an LLM that does not exist",
                w -> w.write(w.goodWith("  llm_name: nim_llm", "  llm_name: ghost_llm")),
                rejected("config.yml:26:3: workflow.llm_name: LLM 'ghost_llm' is not defined in llms"));
        add("a workflow naming a tool that does not exist",
                w -> w.write(w.goodWith(TOOL_NAMES, "[wikipedia_search, time_machine]")),
                rejected("config.yml:25:34: workflow.tool_names[1]: function 'time_machine' is not defined"));
        add("a function naming an LLM that does not exist",
                w -> w.write(w.goodWith("    max_results: 2\n", "    max_results: 2\n    llm_name: ghost_llm\n")),
                rejected("config.yml:20:5: functions.wikipedia_search.llm_name: LLM 'ghost_llm' is not defined in llms"));
        add("a word where a number belongs",
                w -> w.write(w.goodWith(TEMPERATURE, "    temperature: warm\n")),
                rejected("config.yml:12:5: llms.nim_llm.temperature: expected a number, got 'warm'"));
        add("a fraction where a whole number belongs",
                w -> w.write(w.goodWith("max_results: 2", "max_results: 2.5")),
                rejected("config.yml:19:5: functions.wikipedia_search.max_results: expected a whole number"));
        add("a number where a section belongs",
                w -> w.write(w.goodWith("functions:\n", "embedders: 7\nfunctions:\n")),
                rejected("config.yml:16:1: embedders: expected a map"));
        add("no workflow",
                w -> w.write(w.good().substring(0, w.good().indexOf("workflow:"))),
                rejected("workflow: the config has no workflow section"));
        add("a temperature the validator refuses",
                w -> w.write(w.goodWith(TEMPERATURE, "    temperature: 5\n")),
                rejected("config.yml:12:5: llms.nim_llm.temperature: temperature 5.0 is outside 0..2"));
    }

    private void faultsOfTheApp() {
        add("a config whose provider throws",
                w -> w.write(w.goodWithTesting("{provider_throws: true}")),
                rejected("general.testing.provider_throws is set"));
        add("a config whose validator throws",
                w -> w.write(w.goodWithTesting("{validator_throws: true}")),
                rejected("general.testing.validator_throws is set"));
        add("a config whose listener throws",
                w -> w.write(w.goodWithTesting("{listener_throws: true}")),
                rejected("general.testing.listener_throws is set"));
        add("a config whose listener hangs longer than the timeout",
                w -> w.write(w.goodWithTesting("{listener_hang_seconds: 5}")),
                rejected("did not finish within 2.0 s"));
    }

    private void files() {
        // what an editor that died midway leaves; written atomically, so that a loaded machine cannot show the agent
        // the empty file between an in-place truncation and its write
        add("a half-written file",
                w -> w.write(w.good().substring(0, w.good().indexOf(TEMPERATURE) + 10)),
                rejected("config.yml:12:5: this key has no ':' after it"));
        add("a file truncated to zero",
                w -> w.writeInPlace(new byte[0]),
                empty());
        add("0 bytes, then a valid config",
                w -> {
                    w.writeInPlace(new byte[0]);
                    w.awaitLine(HostileInput.Outcome.EMPTY.line());
                    w.writeInPlace(w.goodWith(TEMPERATURE, "    temperature: 0.5\n").getBytes(StandardCharsets.UTF_8));
                },
                accepted("\"temperature\":0.5"));
        add("the file replaced by a directory",
                Workspace::replaceConfigWithDirectory,
                missing());
        add("read permission removed (skipped as root, which reads anything: see the FIFO and link cases)",
                w -> {
                    Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
                            "root reads a file whatever its mode");
                    Files.setPosixFilePermissions(w.config(), PosixFilePermissions.fromString("---------"));
                },
                missing());
        add("the file replaced by a symlink to a named pipe (unreadable without blocking)",
                w -> w.replaceConfigWithLink(w.fifo("config-pipe")),
                missing());
        add("the file replaced by a symlink to /dev/zero",
                w -> w.replaceConfigWithLink(Path.of("/dev/zero")),
                missing());
        add("the file replaced by a symlink to a missing target",
                w -> w.replaceConfigWithLink(Path.of("nowhere.yml")),
                missing());
        add("the file deleted",
                Workspace::deleteConfig,
                missing());
        add("a 100,000-key map",
                w -> w.write(w.good() + wideMap(100_000)),
                accepted("\"k99999\":99999"));
        add("CRLF line endings (accepted)",
                w -> w.write(w.goodWith(TEMPERATURE, "    temperature: 0.3\n").replace("\n", "\r\n")),
                accepted("\"temperature\":0.3"));
        add("a UTF-8 byte order mark (accepted)",
                w -> w.write("\uFEFF" + w.goodWith(TEMPERATURE, "    temperature: 0.4\n")),
                accepted("\"temperature\":0.4"));
    }

    private void add(String name, Edit edit, Expected expected) {
        inputs.add(new HostileInput(name, edit, expected));
    }

    /** {@code eval:} then maps nested {@code depth} deep. */
    private static String blockNesting(int depth) {
        StringBuilder yaml = new StringBuilder("eval:\n");
        for (int i = 1; i <= depth; i++) {
            yaml.append("  ".repeat(i)).append("k").append(i).append(":\n");
        }
        return yaml.append("  ".repeat(depth + 1)).append("leaf: 1\n").toString();
    }

    /** {@code eval:} with a list of short items, {@code bytes} long. */
    private static String longList(int bytes) {
        StringBuilder yaml = new StringBuilder("eval:\n  items:\n");
        for (int i = 0; yaml.length() < bytes; i++) {
            yaml.append("    - item-").append(i).append('\n');
        }
        return yaml.toString();
    }

    /** {@code eval:} with a map of {@code keys} keys {@code kN: N}. */
    private static String wideMap(int keys) {
        StringBuilder yaml = new StringBuilder("eval:\n");
        for (int i = 0; i < keys; i++) {
            yaml.append("  k").append(i).append(": ").append(i).append('\n');
        }
        return yaml.toString();
    }

    /** Anchored lists {@code levels} deep, each holding {@code width} aliases of the one before. */
    private static String billionLaughs(int levels, int width) {
        StringBuilder yaml = new StringBuilder("eval:\n  l0: &l0 [");
        yaml.append(String.join(", ", Collections.nCopies(width, "lol"))).append("]\n");
        for (int level = 1; level < levels; level++) {
            yaml.append("  l").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(", ", Collections.nCopies(width, "*l" + (level - 1))))
                    .append("]\n");
        }
        return yaml.toString();
    }

    /** {@code text} in UTF-16LE after its byte order mark. */
    private static byte[] utf16WithByteOrderMark(String text) {
        byte[] utf16 = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] all = new byte[utf16.length + 2];
        all[0] = (byte) 0xFF;
        all[1] = (byte) 0xFE;
        System.arraycopy(utf16, 0, all, 2, utf16.length);
        return all;
    }

    /** {@code text} in UTF-8 with its one {@code placeholder} replaced by raw {@code bytes}. */
    private static byte[] withBytes(String text, String placeholder, byte... bytes) {
        int at = text.indexOf(placeholder);
        byte[] before = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] after = text.substring(at + placeholder.length()).getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(before, before.length + bytes.length + after.length);
        System.arraycopy(bytes, 0, all, before.length, bytes.length);
        System.arraycopy(after, 0, all, before.length + bytes.length, after.length);
        return all;
    }
}
