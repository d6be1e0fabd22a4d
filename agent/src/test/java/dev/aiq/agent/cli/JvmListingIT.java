package dev.aiq.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiq.agent.protocol.ProtocolJson;
import java.io.IOException;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code list} and the pid-or-substring selection against real child JVMs. */
class JvmListingIT {

    private static final String RUN = UUID.randomUUID().toString();
    private static JavaProcess alpha;
    private static JavaProcess beta;

    @BeforeAll
    static void startChildren() throws IOException {
        alpha = JavaProcess.idleChild("alpha-" + RUN);
        beta = JavaProcess.idleChild("beta-" + RUN);
    }

    @AfterAll
    static void stopChildren() throws Exception {
        alpha.close();
        beta.close();
    }

    @Test
    void listShowsTheChildWithItsMainClassAndJavaVersion() {
        Cli.Result result = Cli.run("list");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).containsPattern("(?m)^ *" + alpha.pid() + " +"
                + java.util.regex.Pattern.quote(alpha.javaVersion()) + " +- +dev\\.aiq\\.agent\\.cli\\.IdleChild alpha-"
                + RUN + "$");
        assertThat(result.out()).doesNotContain(" " + ProcessHandle.current().pid() + " ");
    }

    @Test
    void listAsJsonDescribesEachJvm() throws IOException {
        Cli.Result result = Cli.run("list", "--json");

        JsonNode child = StreamSupport.stream(ProtocolJson.mapper().readTree(result.out()).path("jvms").spliterator(), false)
                .filter(jvm -> jvm.path("pid").asLong() == beta.pid())
                .findFirst().orElseThrow();
        assertThat(child.path("main").asText()).isEqualTo(IdleChild.class.getName());
        assertThat(child.path("displayName").asText()).isEqualTo(IdleChild.class.getName() + " beta-" + RUN);
        assertThat(child.path("javaVersion").asText()).isEqualTo(beta.javaVersion());
        assertThat(child.path("devMode").asBoolean()).isFalse();
    }

    @Test
    void substringOfExactlyOneJvmPicksIt() throws CliException {
        assertThat(JvmLocator.locate("alpha-" + RUN).pid()).isEqualTo(alpha.pid());
    }

    @Test
    void pidPicksItsJvmWithTheDisplayName() throws CliException {
        assertThat(JvmLocator.locate(Long.toString(beta.pid())).displayName())
                .isEqualTo(IdleChild.class.getName() + " beta-" + RUN);
    }

    @Test
    void substringOfSeveralJvmsIsAUsageErrorListingBoth() {
        Cli.Result result = Cli.run("status", RUN);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("'" + RUN + "' matches 2 JVMs; give a pid or a longer substring:\n")
                .contains("  " + alpha.pid() + " (" + IdleChild.class.getName() + " alpha-" + RUN + ")\n",
                        "  " + beta.pid() + " (" + IdleChild.class.getName() + " beta-" + RUN + ")\n");
    }

    @Test
    void substringOfNoJvmIsAFailure() {
        assertThatThrownBy(() -> JvmLocator.locate("gamma-" + RUN))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
                .hasMessage("no running JVM matches 'gamma-" + RUN + "' (aiq-dev list shows them)");
    }

    @Test
    void controlCommandOnAJvmWithoutDevModeSaysHowToStartIt() {
        Cli.Result result = Cli.run("status", "alpha-" + RUN);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("dev mode is not active in " + alpha.pid() + " ("
                + IdleChild.class.getName() + " alpha-" + RUN + "); use aiq-dev attach " + alpha.pid() + "\n");
    }

    @Test
    void pidOfNoProcessIsAFailure() {
        Cli.Result result = Cli.run("status", "999999999");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("no process with pid 999999999\n");
    }
}
