package dev.aiq.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.api.ConfigOverrides;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigIdentityTest {

    @TempDir
    Path dir;

    @Test
    void aFileArgumentIsTheSameRealFileHoweverItIsNamed() throws Exception {
        Path root = Files.writeString(dir.resolve("root.yml"), "a: 1\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.yml"), root);
        ConfigIdentity identity = ConfigIdentity.of(0, null, new Object[] {root, ConfigOverrides.none()});

        assertThat(identity.matches(0, null, new Object[] {dir.resolve("./root.yml"), ConfigOverrides.none()})).isTrue();
        assertThat(identity.matches(0, null, new Object[] {link.toString(), ConfigOverrides.none()}))
                .as("a String naming a link to the same file").isTrue();
        assertThat(identity.matches(0, null, new Object[] {new File(root.toString()), ConfigOverrides.none()})).isTrue();
        assertThat(identity.matches(0, null, new Object[] {root.toUri(), ConfigOverrides.none()})).isTrue();
    }

    @Test
    void anotherFileAnotherMethodOtherArgumentsOrAnotherReceiverIsAnotherConfig() throws Exception {
        Path root = Files.writeString(dir.resolve("root.yml"), "a: 1\n");
        Path tools = Files.writeString(dir.resolve("tools.yml"), "b: 1\n");
        Object receiver = new Object();
        ConfigIdentity identity = ConfigIdentity.of(0, receiver, new Object[] {root, ConfigOverrides.none()});

        assertThat(identity.matches(0, receiver, new Object[] {tools, ConfigOverrides.none()})).isFalse();
        assertThat(identity.matches(1, receiver, new Object[] {root, ConfigOverrides.none()})).isFalse();
        assertThat(identity.matches(0, new Object(), new Object[] {root, ConfigOverrides.none()})).isFalse();
        assertThat(identity.matches(0, receiver,
                new Object[] {root, ConfigOverrides.ofPairs(List.of("llms.x.temperature", "0.9"))})).isFalse();
        assertThat(identity.matches(0, receiver, new Object[] {root})).as("another arity").isFalse();
    }

    @Test
    void anArgumentThatNamesNoFileIsComparedByEquals() {
        ConfigIdentity identity = ConfigIdentity.of(0, null, new Object[] {"production", 3});
        assertThat(identity.matches(0, null, new Object[] {new String("production"), 3})).isTrue();
        assertThat(identity.matches(0, null, new Object[] {"staging", 3})).isFalse();
        assertThat(identity.matches(0, null, new Object[] {"production", null})).isFalse();
    }

    @Test
    void anIdentityInferredAtAttachIsMatchedByItsFilesOnly() throws Exception {
        Path root = Files.writeString(dir.resolve("root.yml"), "a: 1\n");
        ConfigIdentity inferred = ConfigIdentity.inferred(0, new Object[] {root, ConfigOverrides.none()});

        assertThat(inferred.matches(0, null, new Object[] {dir.resolve("./root.yml"), ConfigOverrides.ofPairs(List.of("a", "2"))}))
                .as("the app's own overrides were the agent's guess").isTrue();
        assertThat(inferred.matches(0, null, new Object[] {dir.resolve("other.yml"), ConfigOverrides.none()})).isFalse();
    }
}
