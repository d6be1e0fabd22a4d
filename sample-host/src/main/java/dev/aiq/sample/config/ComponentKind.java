package dev.aiq.sample.config;

import java.util.Set;

/**
 * The kinds of component a config declares, each with the {@code _type}s this app implements.
 */
public enum ComponentKind {
    /** Entries of {@code llms}. */
    LLM("LLM", Set.of("openai", "nim", "anthropic", "litellm", "azure_openai", "aws_bedrock")),
    /** Entries of {@code embedders}. */
    EMBEDDER("embedder", Set.of("nim", "openai", "azure_openai")),
    /** Entries of {@code functions} and of the older {@code tools}. */
    FUNCTION("function", Set.of("current_datetime", "wiki_search", "webpage_query", "tavily_internet_search",
            "code_generation", "calculator", "who_am_i", "nat_adk_demo/weather_update",
            "nat_adk_demo/get_city_time_tool")),
    /** Entries of {@code function_groups}. */
    FUNCTION_GROUP("function group", Set.of("calculator")),
    /** Entries of {@code authentication}. */
    AUTHENTICATION("authentication", Set.of("oauth2_auth_code_flow", "api_key", "http_basic")),
    /** The {@code workflow} section. */
    WORKFLOW("workflow", Set.of("react_agent", "tool_calling_agent", "reasoning_agent", "adk")),
    /** {@code general.front_end}. */
    FRONT_END("front end", Set.of("console", "fastapi", "http"));

    private final String noun;
    private final Set<String> types;

    ComponentKind(String noun, Set<String> types) {
        this.noun = noun;
        this.types = types;
    }

    /** Returns the component's name in messages, for example {@code LLM} or {@code function group}. */
    public String noun() {
        return noun;
    }

    /** Returns the {@code _type}s this app implements, unmodifiable. */
    public Set<String> types() {
        return types;
    }
}
