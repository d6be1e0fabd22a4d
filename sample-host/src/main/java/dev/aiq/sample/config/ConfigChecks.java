package dev.aiq.sample.config;

import dev.aiq.sample.plugin.SamplePlugins;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Internal. The checks a config must pass beyond its shape: known sections, known {@code _type}s, and references
 * between components that resolve. Each throws on the first problem, in file order.
 */
final class ConfigChecks {

    /** The top-level sections a config may have ({@code base} is consumed while reading). */
    static final Set<String> SECTIONS = Set.of("general", "llms", "embedders", "functions", "tools",
            "function_groups", "authentication", "workflow", "eval");
    private static final List<String> COMPONENT_SECTIONS = List.of("llms", "embedders", "functions", "tools",
            "function_groups", "authentication");

    private ConfigChecks() {
    }

    /** Checks the raw tree: known sections only, a workflow, and a map for every component. */
    static void checkSections(Map<String, Object> tree) throws ConfigLoadException {
        for (String section : tree.keySet()) {
            if (!SECTIONS.contains(section)) {
                throw new ConfigLoadException(section, "unknown top-level section " + Quoted.value(section));
            }
        }
        if (tree.get("workflow") == null) {
            throw new ConfigLoadException("workflow", "the config has no workflow section");
        }
        for (String section : COMPONENT_SECTIONS) {
            if (tree.get(section) instanceof Map<?, ?> components) {
                for (Map.Entry<?, ?> component : components.entrySet()) {
                    if (component.getValue() == null) {
                        throw new ConfigLoadException(section + "." + component.getKey(),
                                "expected a map with a _type, got nothing");
                    }
                }
            }
        }
    }

    /** Checks that every {@code _type} is known and every name one component gives another is defined. */
    static void checkComponents(WorkflowConfig config) throws ConfigLoadException {
        checkType("general.front_end", config.general().frontEnd(), ComponentKind.FRONT_END);
        checkTypes("llms", config.llms(), ComponentKind.LLM);
        checkTypes("embedders", config.embedders(), ComponentKind.EMBEDDER);
        checkTypes("functions", config.functions(), ComponentKind.FUNCTION);
        checkTypes("tools", config.tools(), ComponentKind.FUNCTION);
        checkTypes("function_groups", config.functionGroups(), ComponentKind.FUNCTION_GROUP);
        checkTypes("authentication", config.authentication(), ComponentKind.AUTHENTICATION);
        checkType("workflow", config.workflow(), ComponentKind.WORKFLOW);
        checkFunctionReferences("functions", config.functions(), config);
        checkFunctionReferences("tools", config.tools(), config);
        checkWorkflowReferences(config);
    }

    private static void checkTypes(String section, Map<String, ? extends Component> components, ComponentKind kind)
            throws ConfigLoadException {
        for (Map.Entry<String, ? extends Component> entry : components.entrySet()) {
            checkType(section + "." + entry.getKey(), entry.getValue(), kind);
        }
    }

    private static void checkType(String path, Component component, ComponentKind kind) throws ConfigLoadException {
        if (component.type() == null) {
            throw new ConfigLoadException(path, "no _type given");
        }
        if (!kind.types().contains(component.type())
                && !(kind == ComponentKind.FUNCTION && SamplePlugins.function(component.type()) != null)) {
            throw new ConfigLoadException(path + "._type",
                    "Unknown " + kind.noun() + " type " + Quoted.value(component.type()));
        }
    }

    private static void checkFunctionReferences(String section, Map<String, FunctionConfig> functions,
            WorkflowConfig config) throws ConfigLoadException {
        for (Map.Entry<String, FunctionConfig> entry : functions.entrySet()) {
            String path = section + "." + entry.getKey();
            FunctionConfig function = entry.getValue();
            requireDefined(path + ".llm_name", function.llmName(), config.llms(), "LLM", "llms");
            requireDefined(path + ".embedder_name", function.embedderName(), config.embedders(), "embedder",
                    "embedders");
            requireDefined(path + ".auth_provider", function.authProvider(), config.authentication(),
                    "authentication provider", "authentication");
        }
    }

    private static void checkWorkflowReferences(WorkflowConfig config) throws ConfigLoadException {
        AgentConfig workflow = config.workflow();
        if (workflow.llmReference() == null) {
            throw new ConfigLoadException("workflow", "no llm_name given");
        }
        requireDefined(workflow.llmReferencePath(), workflow.llmReference(), config.llms(), "LLM", "llms");
        List<String> toolNames = workflow.toolNames();
        for (int i = 0; i < toolNames.size(); i++) {
            String name = toolNames.get(i);
            if (!config.functions().containsKey(name) && !config.tools().containsKey(name)
                    && !config.functionGroups().containsKey(name)) {
                throw new ConfigLoadException("workflow.tool_names[" + i + "]",
                        "function " + Quoted.value(name) + " is not defined");
            }
        }
    }

    private static void requireDefined(String path, String name, Map<String, ?> section, String noun,
            String sectionName) throws ConfigLoadException {
        if (name != null && !section.containsKey(name)) {
            throw new ConfigLoadException(path, noun + " " + Quoted.value(name) + " is not defined in " + sectionName);
        }
    }
}
