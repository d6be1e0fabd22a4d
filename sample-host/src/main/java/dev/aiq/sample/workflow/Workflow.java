package dev.aiq.sample.workflow;

import dev.aiq.sample.config.WorkflowConfig;

/** A running workflow: answers questions with the LLM and tools its config names. Thread-safe and immutable. */
public interface Workflow {

    /** Returns the config this workflow was built from, never null. */
    WorkflowConfig config();

    /**
     * Answers one question.
     *
     * @param question the user's question, not null
     * @return the answer on one line, never null; the same question to the same config gives the same answer
     *         (unless a clock tool is called)
     */
    String answer(String question);
}
