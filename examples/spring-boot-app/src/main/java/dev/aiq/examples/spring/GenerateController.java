package dev.aiq.examples.spring;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The app's REST endpoints: {@code GET /generate?prompt=...} answers with the live config's model, temperature and
 * system prompt; {@code GET /health} says the app is up.
 */
@RestController
final class GenerateController {

    private final ChatService chat;

    GenerateController(ChatService chat) {
        this.chat = chat;
    }

    @GetMapping("/generate")
    ChatService.Generation generate(@RequestParam(name = "prompt", defaultValue = "hello") String prompt) {
        return chat.generate(prompt);
    }

    @GetMapping("/health")
    Map<String, String> health() {
        return Map.of("status", "ok");
    }
}
