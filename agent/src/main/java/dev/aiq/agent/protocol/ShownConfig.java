package dev.aiq.agent.protocol;

/**
 * The reply of {@code show}: the live effective config of one config (what the app runs, overrides applied), or its
 * subtree at a path, with every secret masked. It travels flat: {@code {"ok":true,"config":...,"generation":N,
 * "path":P or null,"value":...,"yaml":"..."}}. Internal.
 *
 * @param config     the config's short name
 * @param generation the live generation shown
 * @param path       the dotted path shown ({@code llms.nim_llm}), or null for the whole config
 * @param value      the masked tree (maps, lists, scalars of their own JSON types)
 * @param yaml       the same value as masked YAML text
 */
public record ShownConfig(String config, long generation, String path, Object value, String yaml) {
}
