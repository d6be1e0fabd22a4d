package dev.aiq.sample.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiq.api.ConfigOverrides;
import dev.aiq.sample.testing.ConfigDir;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String REFERENCE = "reference-configs/";

    @TempDir
    Path temp;

    private ConfigDir dir;
    private final ConfigLoader loader = new ConfigLoader(Map.of("NVIDIA_API_KEY", "nvapi-test",
            "NAT_OAUTH_CLIENT_SECRET", "s3cret"), false);

    @BeforeEach
    void createDir() {
        dir = ConfigDir.in(temp);
    }

    @Test
    void readsTheGettingStartedConfig() throws Exception {
        WorkflowConfig config = load(dir.copyResource(REFERENCE + "01_simple_web_query_react_nim.yml"));

        LlmConfig nim = config.llms().get("nim_llm");
        assertThat(nim.type()).isEqualTo("nim");
        assertThat(nim.modelId()).isEqualTo("nvidia/nemotron-3-nano-30b-a3b");
        assertThat(nim.temperature()).isEqualTo(0.0);
        assertThat(nim.extra()).containsEntry("chat_template_kwargs", Map.of("enable_thinking", false));
        FunctionConfig webpage = config.functions().get("webpage_query");
        assertThat(webpage.embedderName()).isEqualTo("nv-embedqa-e5-v5");
        assertThat(webpage.extra()).containsEntry("webpage_url", "https://docs.smith.langchain.com")
                .containsEntry("chunk_size", 512);
        assertThat(config.embedders().get("nv-embedqa-e5-v5").modelName()).isEqualTo("nvidia/nv-embedqa-e5-v5");
        assertThat(config.workflow().type()).isEqualTo("react_agent");
        assertThat(config.workflow().toolNames()).containsExactly("webpage_query", "current_datetime");
        assertThat(config.workflow().extra()).containsEntry("parse_agent_response_max_retries", 3);
        assertThat(config.general().frontEnd()).isEqualTo(new FrontEndConfig("fastapi", "127.0.0.1", 8000, null));
    }

    @Test
    void readsTheAiqEraConfigWithItsPromptAndEvalSection() throws Exception {
        WorkflowConfig config = load(dir.copyResource(REFERENCE + "02_aiq_era_react_agent_pr431.yml"));

        assertThat(config.general().extra()).containsEntry("use_uvloop", true);
        assertThat(config.functions()).containsOnlyKeys("wikipedia_search", "current_datetime", "code_generation");
        assertThat(config.functions().get("wikipedia_search").maxResults()).isEqualTo(3);
        assertThat(config.functions().get("code_generation").llmName()).isEqualTo("nim_llm");
        assertThat((String) config.workflow().extra().get("system_prompt")).contains("{tools}", "Final Answer:");
        assertThat(config.eval()).containsKeys("general", "evaluators");
    }

    @Test
    void readsTheAdkConfigWithItsConsoleFrontEndAndEnvironmentVariables() throws Exception {
        WorkflowConfig config = load(dir.copyResource(REFERENCE + "03_adk_demo_console_openai_envvars.yml"));

        assertThat(config.general().frontEnd().type()).isEqualTo("console");
        assertThat(config.general().frontEnd().extra()).containsKey("cors");
        assertThat(config.general().extra()).containsKey("telemetry");
        assertThat(config.llms().get("nim_llm").type()).isEqualTo("litellm");
        assertThat(config.llms().get("nim_llm").extra()).containsEntry("api_key", "nvapi-test");
        assertThat(config.llms().get("openai_llm").temperature()).isNull();
        assertThat(config.workflow().type()).isEqualTo("adk");
        assertThat(config.workflow().llmReference()).isEqualTo("nim_llm");
        assertThat(config.functions().get("weather_update_tool").type()).isEqualTo("nat_adk_demo/weather_update");
    }

    @Test
    void readsTheAuthConfigWithSecretsFromTheEnvironment() throws Exception {
        WorkflowConfig config = load(dir.copyResource(REFERENCE + "04_simple_auth_fastapi_frontend.yml"));

        AuthenticationConfig provider = config.authentication().get("test_auth_provider");
        assertThat(provider.type()).isEqualTo("oauth2_auth_code_flow");
        assertThat(provider.extra()).containsEntry("client_secret", "s3cret")
                // An unset ${VAR} leaves nothing where it was, which YAML reads as null, as in the toolkit.
                .containsEntry("client_id", null)
                .containsEntry("scopes", List.of("openid", "profile", "email"));
        assertThat(config.functions().get("who_am_i_function").authProvider()).isEqualTo("test_auth_provider");
        assertThat(config.general().frontEnd().type()).isEqualTo("fastapi");
    }

    @Test
    void readsAnInheritingConfigMergedOverItsBase() throws Exception {
        dir.copyResource(REFERENCE + "05_config_inheritance/base-config.yml");
        WorkflowConfig config = load(dir.copyResource(REFERENCE + "05_config_inheritance/config-high-temp.yml"));

        LlmConfig nim = config.llms().get("nim_llm");
        assertThat(nim.temperature()).isEqualTo(0.9);
        assertThat(nim.modelId()).isEqualTo("meta/llama-3.1-70b-instruct");
        assertThat(nim.extra()).containsEntry("max_tokens", 1024);
        assertThat(config.functionGroups().get("calculator").type()).isEqualTo("calculator");
        assertThat(config.workflow().toolNames()).containsExactly("calculator", "current_datetime");
    }

    @Test
    void readsTheToolCallingConfig() throws Exception {
        WorkflowConfig config = load(dir.copyResource(REFERENCE + "06_tool_calling_agent_with_eval.yml"));

        assertThat(config.workflow().type()).isEqualTo("tool_calling_agent");
        assertThat(config.workflow().extra()).containsEntry("handle_tool_errors", true);
        assertThat(config.eval()).containsKey("evaluators");
    }

    @Test
    void readsTheDemoConfig() throws Exception {
        WorkflowConfig config = new ConfigLoader(Map.of(), false).read(Path.of("config.yml"), ConfigOverrides.none());

        assertThat(config.llms().get("nim_llm").temperature()).isEqualTo(0.7);
        assertThat(config.llms().get("nim_llm").extra()).containsEntry("api_key", "not-needed-offline");
        assertThat(config.workflow().type()).isEqualTo("react_agent");
        assertThat(config.workflow().toolNames()).hasSize(2);
        assertThat(config.general().frontEnd()).isEqualTo(new FrontEndConfig("fastapi", "127.0.0.1", 8000, null));
    }

    @Test
    void appliesOverridesOfEveryKind() throws Exception {
        Path file = dir.copyResource(REFERENCE + "01_simple_web_query_react_nim.yml");

        WorkflowConfig config = loader.read(file, ConfigOverrides.ofPairs(List.of(
                "llms.nim_llm.temperature", "0.9",
                "workflow.verbose", "FALSE",
                "workflow.tool_names", "current_datetime",
                "llms.nim_llm.top_p", "0.5",
                "general.front_end.port", "9000")));

        assertThat(config.llms().get("nim_llm").temperature()).isEqualTo(0.9);
        assertThat(config.workflow().extra()).containsEntry("verbose", false);
        assertThat(config.workflow().toolNames()).containsExactly("current_datetime");
        assertThat(config.llms().get("nim_llm").extra()).containsEntry("top_p", "0.5");
        assertThat(config.general().frontEnd().port()).isEqualTo(9000);
    }

    @Test
    void laterOverridesWin() throws Exception {
        Path file = dir.copyResource(REFERENCE + "01_simple_web_query_react_nim.yml");

        WorkflowConfig config = loader.read(file, ConfigOverrides.ofPairs(List.of(
                "llms.nim_llm.temperature", "0.9", "llms.nim_llm.temperature", "0.3")));

        assertThat(config.llms().get("nim_llm").temperature()).isEqualTo(0.3);
    }

    @Test
    void rejectsAnOverrideOfTheWrongTypeNamingItsPath() {
        Path file = dir.copyResource(REFERENCE + "01_simple_web_query_react_nim.yml");

        assertThatThrownBy(() -> loader.read(file, ConfigOverrides.ofPairs(List.of("llms.nim_llm.temperature", "hot"))))
                .isInstanceOf(ConfigLoadException.class)
                .hasMessage("llms.nim_llm.temperature: cannot apply --override: expected a float, got 'hot'")
                .extracting(e -> ((ConfigLoadException) e).path()).isEqualTo("llms.nim_llm.temperature");
    }

    @Test
    void expandsEnvironmentVariablesAsTheToolkitDoesInTheRawText() throws Exception {
        Path file = dir.writeInPlace("config.yml", minimal("""
                    model_name: ${MODEL}
                    api_key: ${UNSET_KEY}
                    base_url: http://${HOST:-localhost}:${PORT:-8080}/v1
                    org: ${EMPTY:-fallback}
                """));
        ConfigLoader withEnvironment = new ConfigLoader(Map.of("MODEL", "meta/llama", "PORT", "9999", "EMPTY", ""),
                false);

        LlmConfig llm = withEnvironment.read(file, ConfigOverrides.none()).llms().get("nim_llm");

        assertThat(llm.modelName()).isEqualTo("meta/llama");
        assertThat(llm.extra()).containsEntry("api_key", null)
                .containsEntry("base_url", "http://localhost:9999/v1")
                .containsEntry("org", "fallback");
    }

    @Test
    void mergesAChainOfBaseFilesRelativeToEachFile() throws Exception {
        dir.writeInPlace("root.yml", minimal("""
                    temperature: 0.1
                    max_tokens: 100
                """));
        ConfigDir shared = ConfigDir.in(temp.resolve("shared"));
        shared.writeInPlace("middle.yml", """
                base: ../root.yml
                llms:
                  nim_llm:
                    max_tokens: 200
                workflow:
                  tool_names: [current_datetime]
                """);
        Path file = dir.writeInPlace("config.yml", """
                base: shared/middle.yml
                llms:
                  nim_llm:
                    temperature: 0.8
                """);

        WorkflowConfig config = loader.read(file, ConfigOverrides.none());

        assertThat(config.llms().get("nim_llm").temperature()).isEqualTo(0.8);
        assertThat(config.llms().get("nim_llm").extra()).containsEntry("max_tokens", 200);
        assertThat(config.workflow().toolNames()).containsExactly("current_datetime");
    }

    @Test
    void readsIncludedFilesRelativeToTheIncludingFile() throws Exception {
        dir.writeInPlace("functions.yml", """
                clock:
                  _type: current_datetime
                """);
        Path file = dir.writeInPlace("config.yml", """
                llms:
                  nim_llm: {_type: nim, temperature: 0.2}
                functions: !include functions.yml
                workflow: {_type: react_agent, llm_name: nim_llm, tool_names: [clock]}
                """);

        WorkflowConfig config = loader.read(file, ConfigOverrides.none());

        assertThat(config.functions().get("clock").type()).isEqualTo("current_datetime");
    }

    @Test
    void anEmptyConfigHasNoWorkflow() {
        Path file = dir.writeInPlace("config.yml", "");

        assertThatThrownBy(() -> loader.read(file, ConfigOverrides.none()))
                .hasMessage("workflow: the config has no workflow section");
    }

    @Test
    void providerFaultThrowsOnlyWhenFaultsAreEnabled() throws Exception {
        Path file = dir.writeInPlace("config.yml", """
                general:
                  testing:
                    provider_throws: true
                """ + minimal(""));

        assertThat(loader.read(file, ConfigOverrides.none()).general().testing().providerThrows()).isTrue();
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), true).read(file, ConfigOverrides.none()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("provider_throws");
    }

    @Test
    void theLoadedConfigIsImmutable() throws Exception {
        WorkflowConfig config = load(dir.copyResource(REFERENCE + "01_simple_web_query_react_nim.yml"));

        assertThatThrownBy(() -> config.llms().clear()).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) config.llms().get("nim_llm").extra()
                .get("chat_template_kwargs");
        assertThatThrownBy(() -> nested.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    private WorkflowConfig load(Path file) throws ConfigLoadException {
        return loader.read(file, ConfigOverrides.none());
    }

    /** A minimal valid config whose nim_llm gets {@code llmKeys} (indented by four spaces). */
    private static String minimal(String llmKeys) {
        return """
                llms:
                  nim_llm:
                    _type: nim
                """ + llmKeys + """
                functions:
                  current_datetime:
                    _type: current_datetime
                workflow:
                  _type: react_agent
                  llm_name: nim_llm
                """;
    }
}
