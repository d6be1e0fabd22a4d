package dev.aiq.examples.spring;

import java.util.Map;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The app's REST endpoints: {@code GET /generate?prompt=...} answers with the live config's model, temperature and
 * system prompt; {@code GET /beans} names the {@link WorkflowProperties} instance the service was injected with and
 * the one the context holds (the same one, before and after every reload); {@code GET /health} says the app is up.
 */
@RestController
final class GenerateController {

    private final ChatService chat;
    private final ApplicationContext context;

    GenerateController(ChatService chat, ApplicationContext context) {
        this.chat = chat;
        this.context = context;
    }

    @GetMapping("/generate")
    ChatService.Generation generate(@RequestParam(name = "prompt", defaultValue = "hello") String prompt) {
        return chat.generate(prompt);
    }

    @GetMapping("/beans")
    Map<String, String> beans() {
        return Map.of("injected", identity(chat.properties()),
                "inContext", identity(context.getBean(WorkflowProperties.class)));
    }

    @GetMapping("/health")
    Map<String, String> health() {
        return Map.of("status", "ok");
    }

    private static String identity(Object bean) {
        return bean.getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(bean));
    }
}
