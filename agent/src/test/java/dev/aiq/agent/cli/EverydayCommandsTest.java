package dev.aiq.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The reader of the everyday commands' plain forms: what it takes, it takes as picocli would; everything else it
 * leaves to picocli, so that help, errors and rare forms stay picocli's.
 */
class EverydayCommandsTest {

    @Test
    void readsThePlainFormsAsPicocliWould() {
        assertThat(EverydayCommands.Plain.of(new String[] {"status", "4242"}))
                .isEqualTo(new EverydayCommands.Plain("status", List.of("4242"), false, null, false));
        assertThat(EverydayCommands.Plain.of(new String[] {"reload", "--json", "app", "--config", "b.yml",
            "--validate-only"})).isEqualTo(new EverydayCommands.Plain("reload", List.of("app"), true, "b.yml", true));
        assertThat(EverydayCommands.Plain.of(new String[] {"set", "4242", "llms.a.temperature", "0.5",
            "--config=a.yml"})).isEqualTo(new EverydayCommands.Plain("set", List.of("4242", "llms.a.temperature",
                "0.5"), false, "a.yml", false));
        assertThat(EverydayCommands.Plain.of(new String[] {"list", "--json"}))
                .isEqualTo(new EverydayCommands.Plain("list", List.of(), true, null, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "status", "status --help", "status -h 1", "status 1 2", "status 1 --all",
        "status 1 --json --json", "status 1 --config", "status 1 --config --json", "status @args",
        "history 1 --clear", "reload 1 --validate-only --validate-only", "status 1 --validate-only",
        "set 1 a.b -", "set 1 a.b -1", "set 1 a.b", "list 1", "list --config x", "diff 1", "show 1", "status 1 --",
        "--version", "help status"})
    void leavesEveryOtherFormToPicocli(String line) {
        assertThat(EverydayCommands.Plain.of(line.isEmpty() ? new String[0] : line.split(" "))).isNull();
    }

    @Test
    void readsThePlainAttach() {
        AiqDevCommand cli = cli();
        assertThat(EverydayCommands.PlainAttach.of(cli, "attach 4242".split(" "))).isNotNull();
        assertThat(EverydayCommands.PlainAttach.of(cli, ("attach app --config_file c.yml --delay 0.2 --poll=0 "
                + "--override llms.a.temperature 0.9 --provider com.acme.L#load --option log=debug --json")
                .split(" "))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"attach", "attach 1 2", "attach 1 --all", "attach --all app", "attach 1 --delay x",
        "attach 1 --delay -1", "attach 1 --delay 1 --delay 2", "attach 1 --override a.b", "attach 1 --option nokey",
        "attach 1 --help", "attach 1 --config_file", "attach 1 --config_file a --config-file b", "attach @f",
        "attach 1 --bogus"})
    void leavesEveryOtherAttachToPicocli(String line) {
        assertThat(EverydayCommands.PlainAttach.of(cli(), line.split(" "))).isNull();
    }

    @Test
    void aPlainAttachWithAUsageErrorOnlyPicocliWordsIsHandedToPicocliBeforeAnythingIsDone() {
        StringWriter err = new StringWriter();
        Io io = new Io(new BufferedReader(new StringReader("")), new PrintWriter(new StringWriter()),
                new PrintWriter(err), false);
        // a malformed provider passes the reader; the command refuses it before it looks for the JVM
        assertThat(EverydayCommands.run("attach 1 --provider not-a-method".split(" "), io, ZoneOffset.UTC))
                .isEqualTo(EverydayCommands.NOT_MINE);
        assertThat(err.toString()).isEmpty();
    }

    private static AiqDevCommand cli() {
        return new AiqDevCommand(new Io(new BufferedReader(new StringReader("")), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), false), ZoneOffset.UTC);
    }
}
