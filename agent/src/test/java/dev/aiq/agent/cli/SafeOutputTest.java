package dev.aiq.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What comes from a target is printed as data; a secret value for {@code set} can come from standard input. */
class SafeOutputTest {

    @Test
    void escapingWriterKeepsLineBreaksAndEscapesEveryOtherControl() {
        StringWriter text = new StringWriter();
        PrintWriter out = SafeOutput.escaping(text);

        out.println("title\u001b]0;owned\u0007 cr\rforged \u009b2J \u202eevil");
        out.print("tab\tend");
        out.flush();

        assertThat(text.toString()).isEqualTo("title\\u001b]0;owned\\u0007 cr\\rforged \\u009b2J \\u202eevil"
                + System.lineSeparator() + "tab\\tend");
    }

    @Test
    void jvmsAreDescribedWithSecretsMaskedAndControlsEscaped() {
        Jvm jvm = Jvm.of(42, "com.acme.App --override llms.x.api_key sk-LIVE-0123456789 \u001b[2J");

        assertThat(jvm.describe()).isEqualTo("42 (com.acme.App --override llms.x.api_key **** \\u001b[2J)");
        assertThat(jvm.forDisplay().displayName()).isEqualTo("com.acme.App --override llms.x.api_key **** \\u001b[2J");
        assertThat(jvm.forDisplay().main()).isEqualTo("com.acme.App");
    }

    @Test
    void stdinValueDropsOneTrailingLineBreakOnly() throws CliException {
        assertThat(StdinValue.read(input("sk-LIVE-1\n"))).isEqualTo("sk-LIVE-1");
        assertThat(StdinValue.read(input("sk-LIVE-1\r\n"))).isEqualTo("sk-LIVE-1");
        assertThat(StdinValue.read(input("two\nlines\n\n"))).isEqualTo("two\nlines\n");
        assertThat(StdinValue.read(input(""))).isEmpty();
        assertThat(StdinValue.requested("-")).isTrue();
        assertThat(StdinValue.requested("--")).isFalse();
    }

    @Test
    void stdinValueOverTheLimitIsRefused() {
        byte[] tooLong = new byte[StdinValue.MAX_LENGTH + 1];

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StdinValue.read(new ByteArrayInputStream(tooLong)))
                .isInstanceOf(CliException.class)
                .hasMessage("the value on standard input is longer than 1 MB");
    }

    private static ByteArrayInputStream input(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
