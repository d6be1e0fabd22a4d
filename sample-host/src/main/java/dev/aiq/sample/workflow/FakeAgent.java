package dev.aiq.sample.workflow;

import dev.aiq.sample.config.WorkflowConfig;
import java.util.List;

/**
 * Internal. The workflow every agent {@code _type} becomes here: it asks its LLM, calls the first tool the question
 * calls for, and says on one line which LLM, agent and tools answered.
 */
final class FakeAgent implements Workflow {

    private final WorkflowConfig config;
    private final String label;
    private final FakeLlm llm;
    private final List<Tool> tools;

    FakeAgent(WorkflowConfig config, FakeLlm llm, List<Tool> tools) {
        this.config = config;
        Object name = config.workflow().extra().get("name");
        this.label = name == null ? config.workflow().type() : config.workflow().type() + " '" + name + "'";
        this.llm = llm;
        this.tools = List.copyOf(tools);
    }

    @Override
    public WorkflowConfig config() {
        return config;
    }

    @Override
    public String answer(String question) {
        String oneLine = question.strip().replaceAll("\\s+", " ");
        StringBuilder answer = new StringBuilder(llm.complete("Answer to \"" + oneLine + "\""))
                .append(" | ").append(label).append(" tools=").append(tools.stream().map(Tool::name).toList());
        tools.stream().filter(tool -> tool.isCalledFor(oneLine)).findFirst().ifPresent(tool ->
                answer.append(" | ").append(tool.name()).append(": ").append(tool.call(oneLine)));
        return answer.toString();
    }

    @Override
    public String toString() {
        return "FakeAgent[" + label + " " + llm.tag() + "]";
    }
}
