package dev.aiq.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiq.api.ConfigOverrides;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArgumentsTest {

    @Test
    void parsesRunConsoleWithOverridesAndInput() throws Exception {
        Arguments arguments = Arguments.parse(List.of("run", "console", "--config_file", "config.yml",
                "--override", "llms.nim_llm.temperature", "0.9", "--input", "Hi there",
                "--override", "workflow.verbose", "false"));

        assertThat(arguments).isEqualTo(new Arguments(Arguments.Command.CONSOLE, Path.of("config.yml"),
                ConfigOverrides.ofPairs(List.of("llms.nim_llm.temperature", "0.9", "workflow.verbose", "false")),
                "Hi there", null));
    }

    @Test
    void parsesThePluginsDirectory() throws Exception {
        Arguments arguments = Arguments.parse(List.of("serve", "fastapi", "--plugins", "plugins", "--config_file",
                "c.yml"));

        assertThat(arguments.plugins()).isEqualTo(Path.of("plugins"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fastapi", "http"})
    void parsesServe(String frontEnd) throws Exception {
        Arguments arguments = Arguments.parse(List.of("serve", frontEnd, "--config_file", "c.yml"));

        assertThat(arguments).isEqualTo(new Arguments(Arguments.Command.SERVE, Path.of("c.yml"),
                ConfigOverrides.none(), null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void helpWinsOverEverythingElse(String help) throws Exception {
        assertThat(Arguments.parse(List.of("serve", "nonsense", help)).command()).isEqualTo(Arguments.Command.HELP);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                                   | missing command: 'run console' or 'serve fastapi'
            start                                                | unknown command 'start': use 'run console' or 'serve fastapi'
            run fastapi --config_file c.yml                      | unknown front end 'fastapi' for 'run': use 'run console'
            serve console --config_file c.yml                    | unknown front end 'console' for 'serve': use 'serve fastapi' or 'serve http'
            run console                                          | --config_file is required
            run console --config_file                            | --config_file needs a value
            run console --config_file c.yml --verbose            | unknown option '--verbose'
            run console --config_file c.yml --override a.b       | --override needs PATH and VALUE
            run console --config_file c.yml --override .a 1      | override path '.a' is not a dotted path such as llms.nim_llm.temperature
            serve fastapi --config_file c.yml --input Hi         | --input works with 'run console' only
            """)
    void rejectsABadCommandLineWithOneClearLine(String commandLine, String message) {
        List<String> args = commandLine.isEmpty() ? List.of() : List.of(commandLine.split(" "));

        assertThatThrownBy(() -> Arguments.parse(args)).isInstanceOf(UsageException.class).hasMessage(message);
    }
}
