package dev.aiq.examples.spring;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * A small Spring Boot web app whose workflow config is a YAML file bound by Spring's Binder
 * ({@link WorkflowConfigLoader}). Run with {@code -javaagent:aiq-dev.jar} and edit the file while it runs:
 *
 * <pre>
 * java -javaagent:aiq-dev.jar -jar spring-boot-app.jar --config_file workflow/workflow.yml
 * curl 'http://127.0.0.1:8080/generate?prompt=hi'
 * </pre>
 *
 * <p>The workflow file is {@code --config_file F} (the AIQ toolkit's spelling, which {@code aiq-dev attach} also reads
 * from the command line), or the Spring property {@code aiq.workflow.file}; default {@code workflow.yml}. Every other
 * argument is Spring's, for example {@code --server.port=0}.
 */
@SpringBootApplication
public class SpringBootExampleApp {

    /** The Spring property that names the workflow file. */
    static final String WORKFLOW_FILE = "aiq.workflow.file";

    /** Starts the app. */
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(SpringBootExampleApp.class);
        app.setDefaultProperties(Map.of(WORKFLOW_FILE, configFile(args), "spring.main.banner-mode", "off"));
        app.run(args);
    }

    /** The live config, loaded once here through the provider; reloads replace it (see {@link DevModeRepublisher}). */
    @Bean
    LiveWorkflowConfig liveWorkflowConfig(@Value("${" + WORKFLOW_FILE + "}") Path workflowFile) {
        return new LiveWorkflowConfig(WorkflowConfigLoader.load(workflowFile));
    }

    @Bean
    DevModeRepublisher devModeRepublisher(LiveWorkflowConfig live, ApplicationEventPublisher events) {
        return new DevModeRepublisher(live, events);
    }

    @Bean
    ChatService chatService(LiveWorkflowConfig live) {
        return new ChatService(live);
    }

    /** Prints where the app serves, in the form the AIQ toolkit prints it. */
    @EventListener
    void serving(WebServerInitializedEvent event) {
        System.out.println("Serving on http://127.0.0.1:" + event.getWebServer().getPort());
    }

    /** The file after {@code --config_file} (or in {@code --config_file=F}); {@code workflow.yml} without one. */
    static String configFile(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config_file") && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith("--config_file=")) {
                return args[i].substring("--config_file=".length());
            }
        }
        return "workflow.yml";
    }
}
