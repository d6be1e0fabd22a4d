package dev.aiq.sample.it;

import static dev.aiq.sample.testing.DevModeLines.ACTIVE;
import static dev.aiq.sample.testing.DevModeLines.RELOADED;
import static dev.aiq.sample.testing.WorkflowYaml.CONFIG;
import static dev.aiq.sample.testing.WorkflowYaml.MODEL;
import static dev.aiq.sample.testing.WorkflowYaml.QUESTION;
import static dev.aiq.sample.testing.WorkflowYaml.answeredBy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.sample.testing.AgentJar;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.HostProcess;
import dev.aiq.sample.testing.WorkflowYaml;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Development mode in {@code run console}: questions on stdin, answers on stdout, the config edited in between. */
class DevModeConsoleIT {

    @TempDir
    Path temp;

    @Test
    void anEditBetweenTwoQuestionsChangesTheSecondAnswer() {
        ConfigDir dir = ConfigDir.in(temp);
        try (HostProcess host = HostProcess.console(WorkflowYaml.copyTo(dir))
                .jvmArgs(AgentJar.javaagent("delay=0.05"))
                .start()) {
            host.awaitLine(ACTIVE);
            host.send(QUESTION);
            host.awaitLine("Answer to \"" + QUESTION + "\"");
            int mark = host.mark();

            dir.writeInPlace(CONFIG, WorkflowYaml.fixture().temperature("0.25").text());
            host.awaitLineAfter(mark, RELOADED);
            host.send(QUESTION);
            host.closeInput();

            assertThat(host.awaitExit()).isZero();
            assertThat(host.stdout()).hasSize(2);
            assertThat(host.stdout().get(0)).startsWith(answeredBy(MODEL, "0.5") + " Answer to \"" + QUESTION + "\"");
            assertThat(host.stdout().get(1)).startsWith(answeredBy(MODEL, "0.25") + " Answer to \"" + QUESTION + "\"");
        }
    }
}
