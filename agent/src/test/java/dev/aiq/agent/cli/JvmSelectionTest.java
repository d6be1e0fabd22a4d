package dev.aiq.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Picking a JVM by a substring of its display name. */
class JvmSelectionTest {

    private static final Jvm CONSOLE = Jvm.of(101, "dev.aiq.sample.SampleHost run console --config_file a.yml");
    private static final Jvm HTTP = Jvm.of(102, "dev.aiq.sample.SampleHost serve http --config_file b.yml");
    private static final Jvm MAVEN = Jvm.of(103, "org.codehaus.plexus.classworlds.launcher.Launcher verify");
    private static final Jvm OTHER_CLI = Jvm.of(104, "/opt/aiq-dev.jar attach SampleHost");
    private static final List<Jvm> RUNNING = List.of(CONSOLE, HTTP, MAVEN, OTHER_CLI);

    @Test
    void substringOfExactlyOneJvmPicksIt() throws CliException {
        assertThat(JvmLocator.select("run console", RUNNING)).isEqualTo(CONSOLE);
        assertThat(JvmLocator.select("b.yml", RUNNING)).isEqualTo(HTTP);
    }

    @Test
    void substringOfSeveralJvmsIsAUsageErrorListingThem() {
        assertThatThrownBy(() -> JvmLocator.select("SampleHost", RUNNING))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessage(String.join(System.lineSeparator(),
                        "'SampleHost' matches 2 JVMs; give a pid or a longer substring:",
                        "  101 (dev.aiq.sample.SampleHost run console --config_file a.yml)",
                        "  102 (dev.aiq.sample.SampleHost serve http --config_file b.yml)"));
    }

    @Test
    void substringOfNoJvmIsAFailure() {
        assertThatThrownBy(() -> JvmLocator.select("console.yml", RUNNING))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
                .hasMessage("no running JVM matches 'console.yml' (aiq-dev list shows them)");
    }

    @Test
    void otherAiqDevCommandLinesNeverMatchThoughTheirArgumentsDo() {
        assertThatThrownBy(() -> JvmLocator.select("attach SampleHost", RUNNING))
                .hasMessageStartingWith("no running JVM matches");
    }

    @Test
    void mainIsTheFirstWordOfTheDisplayName() {
        assertThat(CONSOLE.main()).isEqualTo("dev.aiq.sample.SampleHost");
        assertThat(Jvm.of(1, "/opt/app.jar serve").main()).isEqualTo("/opt/app.jar");
        assertThat(Jvm.of(1, "").describe()).isEqualTo("1");
    }
}
