package dev.aiq.agent.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The six shapes of real AIQ / NeMo Agent toolkit configs (test resources yaml/reference, see SOURCES.md) read. */
class ReferenceConfigsTest {

    private static final Map<String, String> ENV = Map.of(
            "NVIDIA_API_KEY", "nvapi-test", "NAT_OAUTH_CLIENT_ID", "client-1", "NAT_OAUTH_CLIENT_SECRET", "s3cret");

    @TempDir
    Path dir;

    @Test
    void simpleWebQueryWithFunctionsLlmsEmbeddersAndAReactWorkflow() throws Exception {
        Map<String, Object> tree = read("01_simple_web_query_react_nim.yml").tree();

        assertThat(tree).containsOnlyKeys("functions", "llms", "embedders", "workflow");
        assertThat(at(tree, "functions", "webpage_query", "chunk_size")).isEqualTo(512);
        assertThat(at(tree, "llms", "nim_llm", "temperature")).isEqualTo(0.0);
        assertThat(at(tree, "llms", "nim_llm", "chat_template_kwargs", "enable_thinking")).isEqualTo(false);
        assertThat(at(tree, "embedders", "nv-embedqa-e5-v5", "_type")).isEqualTo("nim");
        assertThat(at(tree, "workflow", "tool_names")).isEqualTo(List.of("webpage_query", "current_datetime"));
    }

    @Test
    void aiqEraReactAgentKeepsItsBlockScalarPromptAndEvalSection() throws Exception {
        Map<String, Object> tree = read("02_aiq_era_react_agent_pr431.yml").tree();

        assertThat(at(tree, "general", "use_uvloop")).isEqualTo(true);
        assertThat((String) at(tree, "workflow", "system_prompt"))
                .startsWith("Answer the following questions as best you can.")
                .contains("\n\n{tools}\n\n")
                .endsWith("Final Answer: the final answer to the original input question\n");
        assertThat(at(tree, "eval", "evaluators", "rag_accuracy", "metric")).isEqualTo("AnswerAccuracy");
        assertThat(ConfigSummary.of(tree, List.of()).functions()).isEqualTo(3);
    }

    @Test
    void adkDemoWithAConsoleFrontEndReadsTheApiKeyFromTheEnvironment() throws Exception {
        ReadResult result = read("03_adk_demo_console_openai_envvars.yml");

        assertThat(at(result.tree(), "general", "front_end", "_type")).isEqualTo("console");
        assertThat(at(result.tree(), "general", "front_end", "cors", "allow_origins")).isEqualTo(List.of("*"));
        assertThat(at(result.tree(), "llms", "nim_llm", "api_key")).isEqualTo("nvapi-test");
        assertThat((String) at(result.tree(), "workflow", "prompt"))
                .isEqualTo("You are a helpful agent who can answer user questions about weather in a city. You also"
                        + " have a sub-agent that can answer questions about the time in a city.\n");
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void simpleAuthWithAFastapiFrontEndAndAnAuthenticationSection() throws Exception {
        Map<String, Object> tree = read("04_simple_auth_fastapi_frontend.yml").tree();

        assertThat(at(tree, "general", "front_end", "_type")).isEqualTo("fastapi");
        assertThat(at(tree, "general", "front_end", "cors", "allow_origins"))
                .isEqualTo(List.of("http://localhost:3000", "http://localhost:5001", "http://127.0.0.1:5001"));
        assertThat(at(tree, "authentication", "test_auth_provider", "client_secret")).isEqualTo("s3cret");
        assertThat(at(tree, "authentication", "test_auth_provider", "scopes"))
                .isEqualTo(List.of("openid", "profile", "email"));
        assertThat(at(tree, "llms", "nim_llm", "max_tokens")).isEqualTo(1024);
    }

    @Test
    void configInheritanceMergesTheBaseAndOverridesOnlyTheTemperature() throws Exception {
        ConfigDir config = new ConfigDir(dir, ENV);
        config.copyResource("/yaml/reference/05_config_inheritance/base-config.yml", "base-config.yml");
        config.copyResource("/yaml/reference/05_config_inheritance/config-high-temp.yml", "config-high-temp.yml");

        ReadResult result = config.read("config-high-temp.yml");

        assertThat(at(result.tree(), "llms", "nim_llm", "temperature")).isEqualTo(0.9);
        assertThat(at(result.tree(), "llms", "nim_llm", "max_tokens")).isEqualTo(1024);
        assertThat(at(result.tree(), "llms", "nim_llm", "model_name")).isEqualTo("meta/llama-3.1-70b-instruct");
        assertThat(result.tree()).doesNotContainKey("base")
                .containsKeys("general", "function_groups", "functions", "llms", "workflow");
        assertThat(at(result.tree(), "general", "telemetry", "logging", "file", "path"))
                .isEqualTo("./.tmp/nat_calculator.log");
        assertThat(result.files()).containsExactly(dir.resolve("config-high-temp.yml"), dir.resolve("base-config.yml"));
    }

    @Test
    void toolCallingAgentWithAnEvalSection() throws Exception {
        Map<String, Object> tree = read("06_tool_calling_agent_with_eval.yml").tree();

        assertThat(at(tree, "workflow", "_type")).isEqualTo("tool_calling_agent");
        assertThat(at(tree, "workflow", "handle_tool_errors")).isEqualTo(true);
        assertThat(at(tree, "eval", "general", "dataset", "file_path")).isEqualTo("examples/agents/data/wikipedia.json");
        assertThat(ConfigSummary.of(tree, List.of()))
                .isEqualTo(new ConfigSummary(1, 0, 3, 0, "tool_calling_agent", List.of()));
    }

    private ReadResult read(String name) throws ConfigException {
        ConfigDir config = new ConfigDir(dir, ENV);
        config.copyResource("/yaml/reference/" + name, "config.yml");
        return config.read("config.yml");
    }

    /** Returns the value at {@code keys} in nested maps. */
    static Object at(Map<String, ?> tree, String... keys) {
        Object node = tree;
        for (String key : keys) {
            assertThat(node).as("parent of %s", key).isInstanceOf(Map.class);
            node = ((Map<?, ?>) node).get(key);
        }
        return node;
    }
}
