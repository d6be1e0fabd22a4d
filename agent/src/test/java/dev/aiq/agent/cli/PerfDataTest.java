package dev.aiq.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The performance data of this test's own JVM, read as {@code list} reads any JVM's. */
class PerfDataTest {

    @TempDir
    Path temp;

    @Test
    void readsTheJavaVersionAndTheCommandOfThisJvm() throws IOException {
        Path own = PerfData.root().resolve("hsperfdata_" + System.getProperty("user.name"))
                .resolve(Long.toString(ProcessHandle.current().pid()));
        assumeTrue(Files.isRegularFile(own), "this JVM publishes no performance data (-XX:-UsePerfData)");

        Map<String, String> counters = PerfData.read(own, Set.of(PerfData.JAVA_VERSION, PerfData.COMMAND));

        assertThat(counters.get(PerfData.JAVA_VERSION)).isEqualTo(System.getProperty("java.version"));
        assertThat(counters.get(PerfData.COMMAND)).isNotBlank();
    }

    @Test
    void aFileThatIsNotPerformanceDataIsRefused() throws IOException {
        Path file = Files.writeString(temp.resolve("4242"), "not performance data, but long enough to have a header");

        assertThatThrownBy(() -> PerfData.read(file, Set.of(PerfData.COMMAND)))
                .isInstanceOf(IOException.class).hasMessageContaining("is not HotSpot performance data");
    }
}
