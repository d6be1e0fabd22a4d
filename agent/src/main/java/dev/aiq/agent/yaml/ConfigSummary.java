package dev.aiq.agent.yaml;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The short summary {@code aiq-dev validate} prints of a config that reads. Internal.
 *
 * @param llms           entries under {@code llms}
 * @param embedders      entries under {@code embedders}
 * @param functions      entries under {@code functions} plus the older {@code tools}
 * @param functionGroups entries under {@code function_groups}
 * @param workflowType   {@code workflow._type}, or null when there is none
 * @param files          every file read, root first
 */
public record ConfigSummary(int llms, int embedders, int functions, int functionGroups, String workflowType,
                            List<Path> files) {

    /** Summarises {@code tree} (overrides already applied), read from {@code files}. */
    public static ConfigSummary of(Map<String, ?> tree, List<Path> files) {
        Object workflow = tree.get("workflow");
        Object type = workflow instanceof Map<?, ?> w ? w.get("_type") : null;
        return new ConfigSummary(count(tree, "llms"), count(tree, "embedders"),
                count(tree, "functions") + count(tree, "tools"), count(tree, "function_groups"),
                type == null ? null : String.valueOf(type), List.copyOf(files));
    }

    private static int count(Map<String, ?> tree, String section) {
        return tree.get(section) instanceof Map<?, ?> m ? m.size() : 0;
    }
}
