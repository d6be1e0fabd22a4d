package dev.aiq.agent.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16: what the reader says about a config never carries a secret it read. */
class SecretsInMessagesTest {

    @TempDir
    Path dir;

    @Test
    void aFileReferenceBuiltFromASecretVariableIsRefusedWithoutItsValue() {
        ConfigDir config = new ConfigDir(dir, new YamlReader(Map.of("NVIDIA_API_KEY", "nvapi-SECRET-abcdef1234567890")));
        config.write("config.yml", "workflow:\n  prompt: file://${NVIDIA_API_KEY}\n");

        assertThat(config.error("config.yml")).contains("is not a prompt file").doesNotContain("SECRET-abcdef");
    }

    @Test
    void aOneLineFileThatIsNoConfigIsNotQuotedWithTheKeyItHolds() {
        ConfigDir config = new ConfigDir(dir);
        config.write("config.yml", "just one line sk-LIVE-abcdefghijklmnop\n");

        assertThat(config.error("config.yml")).contains("must be a map").doesNotContain("abcdefghijklmnop");
    }
}
