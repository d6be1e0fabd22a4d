package dev.aiq.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.env.OriginTrackedMapPropertySource;

/**
 * The example's loader on its own: the workflow file's keys under {@code aiq.}, what Spring Boot binds from them, and
 * the key in front of each refusal.
 */
class WorkflowConfigLoaderTest {

    @TempDir
    Path temp;

    @Test
    void theWorkflowsKeysArePropertiesUnderThePrefixThatRememberWhereTheyAreInTheFile() throws IOException {
        Path file = write(original());
        WorkflowFile read = WorkflowConfigLoader.load(file);

        assertThat(read.file()).isEqualTo(file);
        assertThat(read.properties().getName()).isEqualTo(WorkflowFile.PROPERTY_SOURCE);
        assertThat(read.properties().getProperty("aiq.llms.nim_llm.temperature")).hasToString("0.2");
        assertThat(read.properties().getProperty("aiq.workflow.tool_names[0]")).hasToString("current_datetime");
        assertThat(read.properties().getProperty("llms.nim_llm.temperature")).as("only under the prefix").isNull();
        assertThat(((OriginTrackedMapPropertySource) read.properties()).getOrigin("aiq.llms.nim_llm.temperature"))
                .hasToString("file [" + file + "] - 6:18");
    }

    @Test
    void theExamplesWorkflowBindsWithRelaxedNamesAndDefaults() throws IOException {
        WorkflowProperties bound = WorkflowConfigLoader.bind(WorkflowConfigLoader.load(write(original())).properties());

        assertThat(bound.workflowLlm())
                .isEqualTo(new WorkflowProperties.Llm("nim", "meta/llama-3.1-70b-instruct", 0.2, 512));
        assertThat(bound.getWorkflow()).isEqualTo(new WorkflowProperties.Workflow("chat", "nim_llm",
                List.of("current_datetime"), "You are a helpful assistant."));
        assertThat(bound.getFunctions()).containsOnlyKeys("current_datetime");
        Path noMaxTokens = write(original().replace("    max_tokens: 512\n", ""));
        assertThat(WorkflowConfigLoader.bind(WorkflowConfigLoader.load(noMaxTokens).properties()).workflowLlm()
                .maxTokens()).as("max_tokens' default").isEqualTo(1024);
    }

    @Test
    void placeholdersAreSpringsWithTheirDefaultAfterAColonNotTheToolkitsColonDash() throws IOException {
        String withDefaults = original().replace("model_name: meta/llama-3.1-70b-instruct",
                "model_name: ${AIQ_DEV_EXAMPLE_UNSET_MODEL:meta/llama-3.1-8b-instruct}")
                .replace("_type: nim", "_type: ${AIQ_DEV_EXAMPLE_UNSET_TYPE:-nim}");

        WorkflowProperties bound = WorkflowConfigLoader.bind(WorkflowConfigLoader.load(write(withDefaults)).properties());

        assertThat(bound.workflowLlm().modelName()).isEqualTo("meta/llama-3.1-8b-instruct");
        assertThat(bound.workflowLlm().type()).as("Spring reads '-nim' as the default").isEqualTo("-nim");
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
    void anEmptyFileIsRefusedForWhatItLacks() throws IOException {
        assertRefused("", "llms: must not be empty (was {}); workflow: must not be null (was null)");
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
