package dev.aiq.sample.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.api.ConfigOverrides;
import dev.aiq.sample.config.ComponentKind;
import dev.aiq.sample.config.ConfigLoadException;
import dev.aiq.sample.config.ConfigLoader;
import dev.aiq.sample.config.WorkflowConfig;
import dev.aiq.sample.testing.ConfigDir;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkflowBuilderTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);
    private static final String CONFIG = """
            llms:
              nim_llm:
                _type: nim
                model_name: meta/llama-3.1-70b-instruct
                temperature: 0.7
              coder:
                _type: openai
                model: gpt-5
              bare:
                _type: anthropic
            functions:
              wikipedia_search: {_type: wiki_search, max_results: 2}
              web: {_type: tavily_internet_search}
              current_datetime: {_type: current_datetime}
              docs: {_type: webpage_query, webpage_url: 'https://docs.example.com'}
              code_generation: {_type: code_generation, llm_name: coder, programming_language: Java}
              calc: {_type: calculator}
              whoami: {_type: who_am_i, auth_provider: sso}
              weather: {_type: nat_adk_demo/weather_update}
              city_time: {_type: nat_adk_demo/get_city_time_tool}
            function_groups:
              math: {_type: calculator}
            authentication:
              sso: {_type: api_key}
            workflow:
              _type: react_agent
              llm_name: nim_llm
              tool_names: [wikipedia_search, current_datetime]
            """;

    @TempDir
    Path temp;

    private final WorkflowBuilder builder = new WorkflowBuilder(CLOCK);

    @Test
    void answerNamesTheLlmItsTemperatureTheAgentAndItsTools() throws Exception {
        Workflow workflow = builder.build(config());

        assertThat(workflow.answer("Hello")).isEqualTo("[nim_llm nim meta/llama-3.1-70b-instruct temperature=0.7] "
                + "Answer to \"Hello\" | react_agent tools=[wikipedia_search, current_datetime]");
    }

    @Test
    void answersAreDeterministic() throws Exception {
        WorkflowConfig config = config();

        assertThat(builder.build(config).answer("Who is Ada Lovelace?"))
                .isEqualTo(builder.build(config).answer("Who is Ada Lovelace?"))
                .isEqualTo(new WorkflowBuilder(Clock.systemUTC()).build(config).answer("Who is Ada Lovelace?"));
    }

    @Test
    void aNewTemperatureShowsInTheAnswer() throws Exception {
        Workflow workflow = builder.build(config("llms.nim_llm.temperature", "0.2"));

        assertThat(workflow.answer("Hello")).startsWith("[nim_llm nim meta/llama-3.1-70b-instruct temperature=0.2] ");
    }

    @Test
    void anLlmWithoutModelNameOrTemperatureSaysWhatItUses() throws Exception {
        assertThat(builder.build(config("workflow.llm_name", "coder")).answer("Hello"))
                .startsWith("[coder openai gpt-5 temperature=default] ");
        assertThat(builder.build(config("workflow.llm_name", "bare")).answer("Hello"))
                .startsWith("[bare anthropic default temperature=default] ");
    }

    @Test
    void callsTheFirstToolTheQuestionCallsFor() throws Exception {
        Workflow workflow = builder.build(config());

        assertThat(workflow.answer("Who is Ada? And what time is it?")).endsWith(
                " | wikipedia_search: 2 Wikipedia results for \"Who is Ada? And what time is it?\": "
                        + "[1] Wikipedia page 1; [2] Wikipedia page 2");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            current_datetime | What is the date today?   | current_datetime: it is 2026-01-02T03:04:05Z
            wikipedia_search | wiki Ada                  | wikipedia_search: 2 Wikipedia results for "wiki Ada": [1] Wikipedia page 1; [2] Wikipedia page 2
            web              | latest news              | web: 3 web results for "latest news": [1] web page 1; [2] web page 2; [3] web page 3
            docs             | Read the docs            | docs: 2 passages from https://docs.example.com about "Read the docs"
            code_generation  | Write code to sort       | code_generation: [coder openai gpt-5 temperature=default] Java code for "Write code to sort"
            calc             | calculate 6 * 7          | calc: 6 * 7 = 42
            calc             | calculate 1 / 4          | calc: 1 / 4 = 0.25
            math             | What is 20 + 22?         | math: 20 + 22 = 42
            whoami           | Who am I?                | whoami: you are signed in through 'sso'
            weather          | What is the weather in New York?  | weather: the weather in New York is sunny, 25 C
            city_time        | What is the time in Tokyo | city_time: it is 10:30 in Tokyo (sample data)
            """)
    void everyToolTypeAnswersOffline(String tool, String question, String output) throws Exception {
        Workflow workflow = builder.build(config("workflow.tool_names", tool));

        assertThat(workflow.answer(question)).endsWith(" | " + output);
    }

    @Test
    void everyFunctionTypeTheLoaderAcceptsCanBeBuilt() throws Exception {
        WorkflowConfig config = config();
        List<String> types = config.functions().values().stream().map(f -> f.type()).distinct().toList();

        assertThat(types).containsExactlyInAnyOrderElementsOf(ComponentKind.FUNCTION.types());
        String allTools = String.join(",", config.functions().keySet()) + ",math";
        assertThat(builder.build(config("workflow.tool_names", allTools)).answer("Hi")).contains("math]");
    }

    @ParameterizedTest
    @CsvSource({"react_agent, react_agent", "tool_calling_agent, tool_calling_agent",
            "reasoning_agent, reasoning_agent"})
    void everyAgentTypeSaysWhichItIs(String type, String label) throws Exception {
        Workflow workflow = builder.build(config("workflow._type", type));

        assertThat(workflow.answer("Hi")).contains(" | " + label + " tools=");
    }

    @Test
    void anAdkAgentIsNamed() throws Exception {
        Workflow workflow = builder.build(config("workflow._type", "adk", "workflow.name", "adk_demo"));

        assertThat(workflow.answer("Hi")).contains(" | adk 'adk_demo' tools=");
    }

    @Test
    void aMultiLineQuestionGetsAOneLineAnswer() throws Exception {
        assertThat(builder.build(config()).answer("first\nsecond\r\n  third")).doesNotContain("\n", "\r")
                .contains("\"first second third\"");
    }

    @Test
    void theWorkflowKeepsItsConfig() throws Exception {
        WorkflowConfig config = config();

        assertThat(builder.build(config).config()).isSameAs(config);
    }

    private WorkflowConfig config(String... overrides) throws ConfigLoadException {
        Path file = ConfigDir.in(temp).writeInPlace("config.yml", CONFIG);
        return ConfigLoader.load(file, ConfigOverrides.ofPairs(List.of(overrides)));
    }
}
