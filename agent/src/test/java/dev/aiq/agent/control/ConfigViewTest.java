package dev.aiq.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiq.agent.mask.Masking;
import dev.aiq.agent.protocol.ErrorCode;
import dev.aiq.agent.protocol.ShownConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigViewTest {

    private static final Map<String, Object> TREE = Map.of(
            "llms", Map.of("nim_llm", Map.of("temperature", 0.7, "api_key", "plain-looking-value")),
            "mcp_servers", List.of(Map.of("url", "http://localhost:9901", "token", "abc")));

    @Test
    void aPathThatEndsAtASecretShowsTheMask() {
        ShownConfig shown = ConfigView.show("config.yml", 3, TREE, "llms.nim_llm.api_key");

        assertThat(shown.value()).isEqualTo(Masking.MASK);
        assertThat(shown.yaml()).doesNotContain("plain-looking-value");
    }

    @Test
    void listItemsAreReachedWithBracketsAndKeepTheirTypes() {
        assertThat(ConfigView.show("c", 1, TREE, "mcp_servers[0].url").value()).isEqualTo("http://localhost:9901");
        assertThat(ConfigView.show("c", 1, TREE, " llms.nim_llm.temperature ").value()).isEqualTo(0.7);
        assertThat(ConfigView.show("c", 1, TREE, "mcp_servers[0]").yaml()).contains("token: '****'");
    }

    @Test
    void theWholeTreeIsBlockYamlWithListsIndented() {
        String yaml = ConfigView.show("c", 1, TREE, null).yaml();

        assertThat(yaml).contains("llms:\n  nim_llm:\n").contains("mcp_servers:\n  - ");
    }

    @Test
    void whatIsNotThereIsNotFoundSayingWhereTheWalkStopped() {
        assertThatThrownBy(() -> ConfigView.show("c", 1, TREE, "mcp_servers[3].url"))
                .isInstanceOf(ConfigSelection.Refusal.class)
                .hasMessage("no 'mcp_servers[3].url' in the live config: 'mcp_servers' has 1 items")
                .satisfies(e -> assertThat(((ConfigSelection.Refusal) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> ConfigView.show("c", 1, TREE, "llms.nim_llm.temperature.x"))
                .hasMessage("no 'llms.nim_llm.temperature.x' in the live config: 'llms.nim_llm.temperature' is not a"
                        + " mapping");
        assertThatThrownBy(() -> ConfigView.show("c", 1, TREE, "llms..x")).hasMessageContaining("empty segment");
    }
}
