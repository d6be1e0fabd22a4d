package dev.aiq.examples.spring;

import static dev.aiq.examples.spring.SpringApp.WORKFLOW;
import static dev.aiq.examples.spring.SpringApp.edited;
import static dev.aiq.sample.testing.DevModeLines.ACTIVE;
import static dev.aiq.sample.testing.DevModeLines.CONTINUES;
import static dev.aiq.sample.testing.DevModeLines.FAILED;
import static dev.aiq.sample.testing.DevModeLines.RELOAD_DONE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.sample.testing.AgentJar;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.HostProcess;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spring Boot example under the built agent, started with it or attached to: edits of the workflow file (in
 * place, atomic rename) rebind the {@code @ConfigurationProperties} bean in place, and {@code GET /generate} answers
 * with the new values through the same bean instance; what Spring Boot's binding refuses is reported with Spring's
 * reason at the key's position, and the endpoint keeps answering with the last good values.
 */
class SpringDevModeIT {

    private static final String MODEL = "\"model\":\"meta/llama-3.1-70b-instruct\"";

    @TempDir
    Path temp;

    @Test
    void startedWithTheAgentAnEditInPlaceAndAnAtomicRenameRebindTheSameBean() {
        SpringApp app = SpringApp.in(ConfigDir.in(temp));
        try (HostProcess process = app.start(AgentJar.javaagent(""))) {
            assertThat(process.awaitLine("Provider: ")).contains("dev.aiq.examples.spring.WorkflowConfigLoader#load");
            assertThat(app.awaitGenerate("\"generation\":1")).contains(MODEL, "\"temperature\":0.2",
                    "\"tools\":[\"current_datetime\"]",
                    "\"text\":\"[meta/llama-3.1-70b-instruct temperature=0.2] You are a helpful assistant. | you said: hi\"");
            Map<String, String> beans = app.beans();
            assertThat(beans.get("injected")).as("the service's bean is the context's").startsWith("WorkflowProperties@")
                    .isEqualTo(beans.get("inContext"));

            app.dir().writeInPlace(WORKFLOW, edited("temperature: 0.2", "temperature: 0.9")
                    .replace("tool_names: [current_datetime]", "tool_names: []"));
            // the generation goes up when the config is swapped in, the listener runs just after: wait for both;
            // the tools are read from the bean per request, the temperature from the client rebuilt on the event
            assertThat(app.awaitGenerate("\"generation\":2", "\"temperature\":0.9", "\"tools\":[]")).contains(MODEL);

            app.dir().writeAtomically(WORKFLOW, edited("model_name: meta/llama-3.1-70b-instruct",
                    "model_name: meta/llama-3.1-8b-instruct").replace("You are a helpful", "You are a terse"));
            assertThat(app.awaitGenerate("\"generation\":3", "[meta/llama-3.1-8b-instruct temperature=0.2] You are a"
                    + " terse assistant.")).as("the client the service rebuilt on the Spring event")
                    .contains("\"model\":\"meta/llama-3.1-8b-instruct\"", "\"temperature\":0.2",
                            "\"tools\":[\"current_datetime\"]");
            assertThat(app.beans()).as("rebound in place: the same instance, injected and in the context")
                    .isEqualTo(beans);
        }
    }

    @Test
    void attachedToTheRunningAppAnAtomicEditReachesTheEndpoint() {
        SpringApp app = SpringApp.in(ConfigDir.in(temp));
        try (HostProcess process = app.start("-XX:+EnableDynamicAgentLoading")) {
            assertThat(app.generate("hi")).as("without the agent").contains("\"temperature\":0.2", "\"generation\":0");
            String pid = Long.toString(process.process().pid());

            AgentJar.Result attached = AgentJar.run("attach", pid, "--delay", "0.05");

            assertThat(attached.exitCode()).as("%s", attached).isZero();
            assertThat(attached.stdout()).contains("watching " + app.dir().file(WORKFLOW));
            process.awaitLine(ACTIVE);
            int mark = process.mark();
            app.dir().writeAtomically(WORKFLOW, edited("temperature: 0.2", "temperature: 1.3"));
            process.awaitLineAfter(mark, RELOAD_DONE);
            assertThat(app.awaitGenerate("\"temperature\":1.3")).contains(MODEL, "\"generation\":2");
        }
    }

    @Test
    void whatSpringRefusesIsReportedWithItsReasonAndTheEndpointKeepsTheOldValues() {
        SpringApp app = SpringApp.in(ConfigDir.in(temp));
        try (HostProcess process = app.start(AgentJar.javaagent(""))) {
            process.awaitLine(ACTIVE);
            app.awaitGenerate("\"generation\":1", "\"temperature\":0.2");

            // consecutive refusals stay below max_attempts (3): a rollback is not this test's subject
            refused(app, process, edited("temperature: 0.2", "temperature: hot"), WORKFLOW + ":6:5: "
                    + "llms.nim_llm.temperature: Failed to convert from type [java.lang.String] to type ", "[hot]");
            refused(app, process, edited("temperature: 0.2", "temperature: 5"),
                    WORKFLOW + ":6:5: llms.nim_llm.temperature: must be less than or equal to 2.0 (was 5.0)");
            assertThat(app.generate("hi")).as("the last good values").contains("\"temperature\":0.2",
                    "\"generation\":1");

            app.dir().writeInPlace(WORKFLOW, edited("temperature: 0.2", "temperature: 0.4"));
            app.awaitGenerate("\"temperature\":0.4", "\"generation\":2");

            // bound and valid, but a listener of the app's Spring event throws: the change is vetoed, and the bean is
            // rebound with the previous file (its tools, read from the bean, are back)
            int mark = process.mark();
            app.dir().writeAtomically(WORKFLOW, edited("temperature: 0.2", "temperature: 0.4")
                    .replace("llm_name: nim_llm", "llm_name: no_such_llm")
                    .replace("tool_names: [current_datetime]", "tool_names: []"));
            assertThat(process.awaitLineAfter(mark, FAILED)).contains("rejected the change",
                    "workflow.llm_name: no llm named 'no_such_llm'");
            process.awaitLineAfter(mark, CONTINUES);
            assertThat(app.generate("hi")).contains("\"llm\":\"nim_llm\"", "\"temperature\":0.4",
                    "\"tools\":[\"current_datetime\"]", "\"generation\":2");

            mark = process.mark();
            app.dir().writeInPlace(WORKFLOW, edited("    max_tokens: 512", "    max_tokens: 512\n    temprature: 0.3"));
            assertThat(process.awaitLineAfter(mark, FAILED)).as("a misspelt key")
                    .contains(WORKFLOW + ":8:5: llms.nim_llm.temprature: not a known key");
            process.awaitLineAfter(mark, CONTINUES);
            assertThat(app.generate("hi")).contains("\"temperature\":0.4", "\"generation\":2");
        }
    }

    /** Writes a bad workflow: Spring's reason is on the agent's console, and the endpoint keeps the last good config. */
    private static void refused(SpringApp app, HostProcess process, String text, String... reason) {
        int mark = process.mark();
        app.dir().writeInPlace(WORKFLOW, text);
        assertThat(process.awaitLineAfter(mark, FAILED)).contains(reason);
        process.awaitLineAfter(mark, CONTINUES);
        assertThat(app.generate("hi")).contains(MODEL, "\"temperature\":0.2");
    }
}
