package dev.aiq.sample.workflow;

import dev.aiq.sample.config.FunctionConfig;
import dev.aiq.sample.config.FunctionGroupConfig;
import dev.aiq.sample.config.WorkflowConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@link Workflow} a config describes. Stateless apart from its clock; safe to share. */
public final class WorkflowBuilder {

    private final Clock clock;

    /**
     * Creates a builder.
     *
     * @param clock what the {@code current_datetime} tool reads, not null
     */
    public WorkflowBuilder(Clock clock) {
        this.clock = clock;
    }

    /**
     * Builds the workflow of {@code config}.
     *
     * @param config a config as {@link dev.aiq.sample.config.ConfigLoader} returns it, not null
     * @return the workflow, never null
     * @throws IllegalArgumentException if the config names a {@code _type} or component this app does not have
     *                                  (never for a config the loader accepted)
     */
    public Workflow build(WorkflowConfig config) {
        Map<String, FakeLlm> llms = new LinkedHashMap<>();
        config.llms().forEach((name, llm) -> llms.put(name, new FakeLlm(name, llm)));
        FakeLlm llm = llms.get(config.workflow().llmReference());
        if (llm == null) {
            throw new IllegalArgumentException("workflow.llm_name: LLM '" + config.workflow().llmReference()
                    + "' is not defined in llms");
        }
        List<Tool> tools = new ArrayList<>();
        for (String name : config.workflow().toolNames()) {
            tools.add(tool(name, config, llms));
        }
        return new FakeAgent(config, llm, tools);
    }

    private Tool tool(String name, WorkflowConfig config, Map<String, FakeLlm> llms) {
        FunctionConfig function = config.functions().getOrDefault(name, config.tools().get(name));
        if (function != null) {
            return Tools.function(name, function, llms, clock);
        }
        FunctionGroupConfig group = config.functionGroups().get(name);
        if (group != null && "calculator".equals(group.type())) {
            return Tools.calculator(name);
        }
        throw new IllegalArgumentException("workflow.tool_names: function '" + name + "' is not defined");
    }
}
