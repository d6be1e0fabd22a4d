package dev.aiq.examples.spring;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * A small Spring Boot web app whose workflow config is a {@code @ConfigurationProperties} bean,
 * {@link WorkflowProperties}, bound by Spring Boot from a YAML file of its own
 * ({@link WorkflowFileEnvironmentPostProcessor}). Run with {@code -javaagent:aiq-dev.jar} and edit the file while it
 * runs: {@link WorkflowPropertiesRebinder} rebinds the bean.
 *
 * <pre>
 * java -javaagent:aiq-dev.jar -jar spring-boot-app.jar --config_file workflow/workflow.yml
 * curl 'http://127.0.0.1:8080/generate?prompt=hi'
 * </pre>
 *
 * <p>The workflow file is {@code --config_file F} (the AIQ toolkit's spelling, which {@code aiq-dev attach} also reads
 * from the command line), or the Spring property {@code app.workflow-file}; default {@code workflow.yml}. Every other
 * argument is Spring's, for example {@code --server.port=0}.
 */
@SpringBootApplication
@EnableConfigurationProperties(WorkflowProperties.class)
public class SpringBootExampleApp {

    /** Starts the app. */
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(SpringBootExampleApp.class);
        app.setDefaultProperties(Map.of(WorkflowFileEnvironmentPostProcessor.WORKFLOW_FILE, configFile(args),
                "spring.main.banner-mode", "off"));
        app.run(args);
    }

    /** Dev mode's one listener: rebinds the {@link WorkflowProperties} bean on every reload. */
    @Bean
    WorkflowPropertiesRebinder workflowPropertiesRebinder(ConfigurableApplicationContext context) {
        return new WorkflowPropertiesRebinder(context);
    }

    @Bean
    ChatService chatService(WorkflowProperties properties) {
        return new ChatService(properties);
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
