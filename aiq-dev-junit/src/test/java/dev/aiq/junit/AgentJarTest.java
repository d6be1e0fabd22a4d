package dev.aiq.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentJarTest {

    private final String before = System.getProperty(AgentJar.PROPERTY);

    @AfterEach
    void restoreTheProperty() {
        if (before == null) {
            System.clearProperty(AgentJar.PROPERTY);
        } else {
            System.setProperty(AgentJar.PROPERTY, before);
        }
    }

    @Test
    void aNamedJarIsTheOnlyPlaceLookedAt() {
        System.setProperty(AgentJar.PROPERTY, "/nowhere/aiq-dev.jar");

        assertThat(AgentJar.candidates()).containsExactly(Path.of("/nowhere/aiq-dev.jar"));
        assertThatThrownBy(AgentJar::path).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nowhere/aiq-dev.jar").hasMessageContaining("-Daiq.dev.jar=");
    }

    @Test
    void withoutThePropertyTheReactorAndTheLocalRepositoryAreLookedAt() {
        System.clearProperty(AgentJar.PROPERTY);

        assertThat(AgentJar.candidates()).first()
                .isEqualTo(Path.of("").toAbsolutePath().resolve("agent/target/aiq-dev.jar"));
        assertThat(AgentJar.candidates()).last().asString()
                .matches(".*/dev/aiq/aiq-dev-agent/([^/]+)/aiq-dev-agent-\\1\\.jar")
                .doesNotContain("${");
    }
}
