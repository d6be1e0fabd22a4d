package dev.aiq.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example's loader on its own: Spring's Binder over the workflow file, and the key in front of each refusal. */
class WorkflowConfigLoaderTest {

    @TempDir
    Path temp;

    @Test
    void theExamplesWorkflowBindsWithRelaxedNamesAndDefaults() throws IOException {
        WorkflowConfig config = WorkflowConfigLoader.load(write(original()));

        WorkflowConfig.Llm llm = config.workflowLlm();
        assertThat(llm).isEqualTo(new WorkflowConfig.Llm("nim", "meta/llama-3.1-70b-instruct", 0.2, 512));
        assertThat(config.workflow()).isEqualTo(new WorkflowConfig.Workflow("chat", "nim_llm",
                java.util.List.of("current_datetime"), "You are a helpful assistant."));
        assertThat(config.functions()).containsOnlyKeys("current_datetime");
        assertThat(WorkflowConfigLoader.load(write(original().replace("    max_tokens: 512\n", ""))).workflowLlm()
                .maxTokens()).as("max_tokens' default").isEqualTo(1024);
    }

    @Test
    void aValueSpringCannotConvertIsRefusedWithTheKeyAsWrittenAndSpringsReason() throws IOException {
        assertRefused(original().replace("temperature: 0.2", "temperature: hot"),
                "llms.nim_llm.temperature: Failed to convert from type [java.lang.String] to type ",
                "double] for value [hot]");
    }

    @Test
    void aConstraintThatFailsIsRefusedWithTheKeyAsWritten() throws IOException {
        assertRefused(original().replace("temperature: 0.2", "temperature: 5"),
                "llms.nim_llm.temperature: must be less than or equal to 2.0 (was 5.0)");
        assertRefused(original().replace("model_name: meta/llama-3.1-70b-instruct", "model_name: \"\""),
                "llms.nim_llm.model_name: must not be blank (was )");
        assertRefused(original().replace("  system_prompt: You are a helpful assistant.\n", ""),
                "workflow.system_prompt: must not be blank (was null)");
    }

    @Test
    void anUnknownKeyIsRefused() throws IOException {
        assertRefused(original().replace("    max_tokens: 512", "    max_tokens: 512\n    temprature: 0.3"),
                "llms.nim_llm.temprature: not a known key");
    }

    private void assertRefused(String yaml, String... reason) throws IOException {
        Path file = write(yaml);
        assertThatThrownBy(() -> WorkflowConfigLoader.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasNoCause().message().startsWith(reason[0]).contains(reason);
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(temp.resolve("workflow.yml"), yaml);
    }

    private static String original() throws IOException {
        return Files.readString(Path.of("workflow", "workflow.yml"));
    }
}
