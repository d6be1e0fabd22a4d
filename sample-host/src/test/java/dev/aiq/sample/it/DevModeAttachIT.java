package dev.aiq.sample.it;

import static dev.aiq.sample.testing.DevModeLines.ACTIVE;
import static dev.aiq.sample.testing.DevModeLines.RELOAD_DONE;
import static dev.aiq.sample.testing.WorkflowYaml.CONFIG;
import static dev.aiq.sample.testing.WorkflowYaml.MODEL;
import static dev.aiq.sample.testing.WorkflowYaml.QUESTION;
import static dev.aiq.sample.testing.WorkflowYaml.answeredBy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.sample.testing.AgentJar;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.HostApi;
import dev.aiq.sample.testing.HostProcess;
import dev.aiq.sample.testing.WorkflowYaml;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aiq-dev attach}: development mode loaded into a served sample host that was started without the agent. */
class DevModeAttachIT {

    @TempDir
    Path temp;

    @Test
    void anAttachedHostReloadsAnEditedTemperature() {
        ConfigDir dir = ConfigDir.in(temp);
        try (HostProcess host = HostProcess.serve(WorkflowYaml.copyTo(dir))
                .jvmArgs("-XX:+EnableDynamicAgentLoading")
                .override("general.front_end.port", "0")
                .start()) {
            HostApi api = HostApi.at(host.port());
            assertThat(api.generation()).isEqualTo(1);
            String pid = Long.toString(host.process().pid());

            AgentJar.Result attached = AgentJar.run("attach", pid, "--delay", "0.05");

            assertThat(attached.exitCode()).as("%s", attached).isZero();
            assertThat(attached.stderr()).as("the tool's standard error").isEmpty();
            assertThat(attached.stdout()).startsWith("aiq-dev active in " + pid + " (")
                    .endsWith(": watching " + dir.file(CONFIG) + ", generation 1\n");
            host.awaitLine(ACTIVE);
            assertThat(api.generation()).isEqualTo(1);
            int mark = host.mark();
            dir.writeInPlace(CONFIG, WorkflowYaml.fixture().temperature("0.25").text());
            host.awaitLineAfter(mark, RELOAD_DONE);
            assertThat(api.answer(QUESTION)).startsWith(answeredBy(MODEL, "0.25"));
            assertThat(api.generation()).isEqualTo(2);
            assertThat(host.lines()).as("the host's output")
                    .noneMatch(line -> line.toLowerCase(Locale.ROOT).contains("warning"));
        }
    }
}
