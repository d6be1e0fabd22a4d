package dev.aiq.examples.spring;

import java.nio.file.Path;
import org.springframework.core.env.PropertySource;

/**
 * One read of the workflow file, checked: its keys as Spring properties under {@code aiq.}, ready to be put in the
 * {@code Environment}. What {@link WorkflowConfigLoader#load(Path)} returns, so what aiq-dev holds and hands to
 * {@link WorkflowPropertiesRebinder} on each reload.
 *
 * @param file       the workflow file
 * @param properties its keys under {@link WorkflowProperties#PREFIX}, named {@link #PROPERTY_SOURCE}
 */
public record WorkflowFile(Path file, PropertySource<?> properties) {

    /** The name of the workflow file's property source in the {@code Environment}. */
    public static final String PROPERTY_SOURCE = "aiqWorkflowFile";
}
