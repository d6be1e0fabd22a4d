package dev.aiq.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The options handed to the agent: one key=value per line, in a private file named by {@code @path}. */
class AttachOptionsFileTest {

    @Test
    void everyOptionBecomesOneLineInOrder() {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("history", "20");
        extra.put("events", "false");

        AttachOptionsFile options = AttachOptionsFile.of(Path.of("/srv/app/config.yml"),
                List.of("com.acme.ConfigLoader#load", "com.acme.Other#read"), 0.5, 2.0,
                List.of("llms.nim_llm.temperature", "0.8", "functions.search.tags", "a,b,c"), extra);

        assertThat(options.lines()).containsExactly(
                "config=/srv/app/config.yml",
                "provider=com.acme.ConfigLoader#load",
                "provider=com.acme.Other#read",
                "delay=0.5",
                "poll=2",
                "override=llms.nim_llm.temperature=0.8",
                "override=functions.search.tags=a,b,c",
                "history=20",
                "events=false");
    }

    @Test
    void relativeConfigIsMadeAbsoluteForTheTargetsOtherWorkingDirectory() {
        AttachOptionsFile options = AttachOptionsFile.of(Path.of("configs/../config.yml"), List.of(), null, null, List.of(),
                Map.of());

        assertThat(options.lines()).containsExactly("config=" + Path.of("config.yml").toAbsolutePath());
    }

    @Test
    void nothingGivenIsNoLines() {
        assertThat(AttachOptionsFile.of(null, List.of(), null, null, List.of(), Map.of()).lines()).isEmpty();
    }

    @Test
    void fileIsOwnerOnlyAndNamedWithAnAt() throws IOException {
        AttachOptionsFile options = AttachOptionsFile.of(null, List.of(), 1.5, null, List.of(), Map.of());

        Path file = options.write(null);
        try {
            assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly("delay=1.5");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(AttachOptionsFile.reference(file)).isEqualTo("@" + file.toAbsolutePath());
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void valueWithALineBreakIsRefused() {
        assertThatThrownBy(() -> AttachOptionsFile.of(null, List.of(), null, null, List.of("a.b", "x\ny"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("agent option override=a.b=x\\ny cannot be passed: "
                        + "keys need no '=', values no line breaks");
    }
}
