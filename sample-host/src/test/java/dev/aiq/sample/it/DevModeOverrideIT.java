package dev.aiq.sample.it;

import static dev.aiq.sample.testing.DevModeLines.RELOAD_DONE;
import static dev.aiq.sample.testing.DevModeLines.ROLLED_BACK;
import static dev.aiq.sample.testing.WorkflowYaml.CONFIG;
import static dev.aiq.sample.testing.WorkflowYaml.MODEL;
import static dev.aiq.sample.testing.WorkflowYaml.QUESTION;
import static dev.aiq.sample.testing.WorkflowYaml.answeredBy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.DevModeLines;
import dev.aiq.sample.testing.HostApi;
import dev.aiq.sample.testing.HostProcess;
import dev.aiq.sample.testing.Temperatures;
import dev.aiq.sample.testing.WorkflowYaml;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Development mode keeps the command line's {@code --override llms.nim_llm.temperature 0.9} in force: an edit of the
 * file's temperature changes nothing while the file's other edits apply, after a reload and after a rollback. One
 * served host for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevModeOverrideIT {

    private static final String OVERRIDDEN = "0.9";

    private final Temperatures temperatures = new Temperatures();
    private int models;
    private ConfigDir dir;
    @AutoClose
    private HostProcess host;
    private HostApi api;
    /** The model of the live config. */
    private String liveModel = MODEL;

    @BeforeAll
    void startTheHostWithATemperatureOverride(@TempDir Path temp) {
        dir = ConfigDir.in(temp);
        host = HostProcess.servedUnderAgent(WorkflowYaml.copyTo(dir))
                .override("llms.nim_llm.temperature", OVERRIDDEN)
                .startActive();
        api = HostApi.at(host.port());
    }

    @Test
    void theOverrideWinsOverAnEditedTemperatureAfterAReload() {
        long generation = api.generation();
        String model = nextModel();
        int mark = host.mark();

        dir.writeInPlace(CONFIG, WorkflowYaml.fixture().temperature(temperatures.next()).model(model).text());

        host.awaitLineAfter(mark, RELOAD_DONE);
        assertThat(api.answer(QUESTION)).startsWith(answeredBy(model, OVERRIDDEN));
        assertThat(api.config()).contains("\"temperature\":" + OVERRIDDEN);
        assertThat(api.generation()).isEqualTo(generation + 1);
        assertThat(host.linesAfter(mark))
                .contains("  llms.nim_llm.model_name: " + liveModel + " -> " + model)
                .as("the file's temperature edit is listed with the override that wins")
                .anyMatch(line -> line.startsWith("  llms.nim_llm.temperature: ")
                        && line.endsWith(" in the file; " + OVERRIDDEN + " stays (--override on the app's command line)"))
                .allMatch(line -> !line.contains("llms.nim_llm.temperature") || line.contains(" stays (--override"));
        liveModel = model;
    }

    @Test
    void theOverrideWinsAfterARollback() {
        long generation = api.generation();
        String answer = api.answer(QUESTION);
        assertThat(answer).startsWith(answeredBy(liveModel, OVERRIDDEN));
        int mark = host.mark();

        dir.writeInPlace(CONFIG, brokenEdit().replace("_type: nim\n", "_type: nimbus\n").text());
        host.awaitLineAfter(mark, DevModeLines.failed(1));
        dir.writeInPlace(CONFIG, brokenEdit().replace("llm_name: nim_llm", "llm_name: missing_llm").text());
        host.awaitLineAfter(mark, DevModeLines.failed(2));
        dir.writeInPlace(CONFIG, brokenEdit().replace("current_datetime]", "current_datetime").text());
        host.awaitLineAfter(mark, DevModeLines.failed(3));
        host.awaitLineAfter(mark, ROLLED_BACK);

        assertThat(api.answer(QUESTION)).isEqualTo(answer);
        assertThat(api.config()).contains("\"temperature\":" + OVERRIDDEN);
        assertThat(api.generation()).isEqualTo(generation);
        String model = nextModel();
        int fixedMark = host.mark();
        dir.writeInPlace(CONFIG, WorkflowYaml.fixture().temperature(temperatures.next()).model(model).text());
        host.awaitLineAfter(fixedMark, RELOAD_DONE);
        assertThat(api.answer(QUESTION)).startsWith(answeredBy(model, OVERRIDDEN));
        assertThat(api.generation()).isEqualTo(generation + 1);
        liveModel = model;
    }

    /** A broken edit that changes the model too, so that it would show if it went live. */
    private WorkflowYaml brokenEdit() {
        return WorkflowYaml.fixture().temperature(temperatures.next()).model(nextModel());
    }

    private String nextModel() {
        return "meta/llama-3.1-" + ++models + "b-instruct";
    }
}
