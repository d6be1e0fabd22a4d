package dev.aiq.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * The rebinder in the example's real Spring context (without the web server and without the agent, so it is called
 * directly): the workflow file is in the {@code Environment}, Spring Boot binds the bean from it, and a rebind gives
 * that same instance the new values, or leaves the bean and the {@code Environment} as they were when Spring Boot
 * refuses.
 */
class WorkflowPropertiesRebinderTest {

    @TempDir
    Path temp;

    private ConfigurableApplicationContext context;
    private WorkflowProperties bean;
    private WorkflowPropertiesRebinder rebinder;

    @BeforeEach
    void startTheContext() throws IOException {
        start();
    }

    private void start(String... args) throws IOException {
        Path file = Files.writeString(temp.resolve("workflow.yml"), original());
        context = new SpringApplicationBuilder(SpringBootExampleApp.class).web(WebApplicationType.NONE)
                .properties(WorkflowFileEnvironmentPostProcessor.WORKFLOW_FILE + "=" + file,
                        "spring.main.banner-mode=off")
                .run(args);
        bean = context.getBean(WorkflowProperties.class);
        rebinder = context.getBean(WorkflowPropertiesRebinder.class);
    }

    @AfterEach
    void closeTheContext() {
        context.close();
    }

    @Test
    void springBootBindsTheBeanFromTheWorkflowFileInTheEnvironment() {
        assertThat(context.getEnvironment().getProperty("aiq.workflow.llm_name")).isEqualTo("nim_llm");
        assertThat(bean.workflowLlm().temperature()).isEqualTo(0.2);
        assertThat(context.getBean(ChatService.class).properties()).isSameAs(bean);
    }

    @Test
    void aRebindGivesTheSameInstanceTheNewValuesAndForgetsRemovedKeys() throws IOException {
        rebinder.rebind(file(original().replace("temperature: 0.2", "temperature: 0.7")
                .replace("  tool_names: [current_datetime]\n", "")));

        assertThat(context.getBean(WorkflowProperties.class)).isSameAs(bean);
        assertThat(bean.workflowLlm().temperature()).isEqualTo(0.7);
        assertThat(bean.getWorkflow().toolNames()).as("a key no longer in the file").isEmpty();
        assertThat(context.getEnvironment().getProperty("aiq.llms.nim_llm.temperature")).isEqualTo("0.7");
    }

    @Test
    void whatSpringBootRefusesLeavesTheBeanAndTheEnvironmentAsTheyWere() throws IOException {
        WorkflowProperties.Workflow workflow = bean.getWorkflow();
        // not checked by the loader on purpose: the rebinder's own binding is Spring Boot's, in initializeBean
        Map<String, Object> keys = new HashMap<>(((MapPropertySource) file(original()).properties()).getSource());
        keys.put("aiq.llms.nim_llm.temperature", "hot");
        WorkflowFile unchecked = new WorkflowFile(temp.resolve("workflow.yml"),
                new MapPropertySource(WorkflowFile.PROPERTY_SOURCE, keys));

        assertThatThrownBy(() -> rebinder.rebind(unchecked)).isInstanceOf(ConfigurationPropertiesBindException.class)
                .rootCause().hasMessage("For input string: \"hot\"");
        assertThat(bean.workflowLlm().temperature()).isEqualTo(0.2);
        assertThat(bean.getWorkflow()).isSameAs(workflow);
        assertThat(context.getEnvironment().getProperty("aiq.llms.nim_llm.temperature")).isEqualTo("0.2");
    }

    @Test
    void aReaderDuringRebindsSeesEachPropertyOldOrNewNeverTheDefaults() throws Exception {
        List<WorkflowFile> files = List.of(file(original().replace("temperature: 0.2", "temperature: 0.7")),
                file(original()));
        AtomicBoolean rebinding = new AtomicBoolean(true);
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (rebinding.get()) {
                WorkflowProperties.Workflow workflow = bean.getWorkflow();
                WorkflowProperties.Llm llm = bean.getLlms().get("nim_llm");
                if (workflow == null || llm == null) {
                    seen.add("workflow " + workflow + ", llm " + llm);
                }
                reads.incrementAndGet();
            }
        });
        reader.start();
        try {
            for (int i = 0; i < 200; i++) {
                rebinder.rebind(files.get(i % 2));
            }
        } finally {
            rebinding.set(false);
            reader.join();
        }

        assertThat(reads).as("the reader ran").hasPositiveValue();
        assertThat(seen).as("what a request in between would have seen").isEmpty();
        assertThat(bean.workflowLlm().temperature()).isEqualTo(0.2);
    }

    @Test
    void aCommandLinePropertyStillWinsOverTheFileAfterARebind() throws IOException {
        context.close();
        start("--aiq.llms.nim_llm.temperature=1.5");
        assertThat(bean.workflowLlm().temperature()).isEqualTo(1.5);

        rebinder.rebind(file(original().replace("temperature: 0.2", "temperature: 0.7")
                .replace("You are a helpful", "You are a terse")));

        assertThat(bean.workflowLlm().temperature()).as("Spring's precedence").isEqualTo(1.5);
        assertThat(bean.getWorkflow().systemPrompt()).isEqualTo("You are a terse assistant.");
    }

    private WorkflowFile file(String yaml) throws IOException {
        return WorkflowConfigLoader.load(Files.writeString(temp.resolve("edited.yml"), yaml));
    }

    private static String original() throws IOException {
        return Files.readString(Path.of("workflow", "workflow.yml"));
    }
}
