package dev.aiq.examples.spring;

import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Puts the workflow file into the Spring {@code Environment} before the context starts, its keys under {@code aiq.}
 * (Spring Boot's documented way to add a YAML file of one's own, registered in {@code META-INF/spring.factories}).
 * The file is read through {@link WorkflowConfigLoader#load(Path)}, the method aiq-dev hooks, so that this first read
 * is the one the agent records. The source is added last: a command-line {@code --aiq.…} property still wins.
 */
public final class WorkflowFileEnvironmentPostProcessor implements EnvironmentPostProcessor {

    /** The Spring property that names the workflow file; {@code workflow.yml} when not set. */
    public static final String WORKFLOW_FILE = "app.workflow-file";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Path file = Path.of(environment.getProperty(WORKFLOW_FILE, "workflow.yml"));
        environment.getPropertySources().addLast(WorkflowConfigLoader.load(file).properties());
    }
}
