package dev.aiq.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The built aiq-dev.jar: one agent-and-CLI jar whose third-party classes all sit under the private package. */
class ShadedJarIT {

    private static final Pattern OWN = Pattern.compile(
            "(META-INF/versions/\\d+/)?dev/aiq/(agent|api|bootstrap)/.*");

    @Test
    void everyClassIsOursOrRelocated() throws IOException {
        List<String> strays = new ArrayList<>();
        int classes = 0;
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (name.endsWith(".class")) {
                    classes++;
                    if (!OWN.matcher(name).matches()) {
                        strays.add(name);
                    }
                }
            }
        }
        assertThat(classes).as("classes in the jar").isGreaterThan(1000);
        assertThat(strays).as("classes at an unrelocated path").isEmpty();
    }

    @Test
    void theManifestMakesItAnAgentAndACommand() throws IOException {
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertThat(main.getValue("Premain-Class")).isEqualTo("dev.aiq.agent.Agent");
            assertThat(main.getValue("Agent-Class")).isEqualTo("dev.aiq.agent.Agent");
            assertThat(main.getValue("Main-Class")).isEqualTo("dev.aiq.agent.cli.Main");
            assertThat(main.getValue("Can-Retransform-Classes")).isEqualTo("true");
            assertThat(main.getValue("Can-Redefine-Classes")).isEqualTo("true");
            assertThat(main.getValue("Multi-Release")).isEqualTo("true");
        }
    }

    @Test
    void multiReleaseCopiesAreRelocatedToo() throws IOException {
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            assertThat(Collections.list(jar.entries())).extracting(JarEntry::getName)
                    .anyMatch(n -> n.startsWith("META-INF/versions/9/dev/aiq/agent/shaded/org/yaml/snakeyaml/"))
                    .anyMatch(n -> n.startsWith("META-INF/versions/17/dev/aiq/agent/shaded/com/fasterxml/jackson/"));
        }
    }

    @Test
    void ofByteBuddyOnlyItsAsmIsInTheJar() throws IOException {
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            assertThat(Collections.list(jar.entries())).extracting(JarEntry::getName)
                    .filteredOn(n -> n.contains("net/bytebuddy/") && n.endsWith(".class"))
                    .isNotEmpty()
                    .allMatch(n -> n.startsWith("dev/aiq/agent/shaded/net/bytebuddy/jar/asm/"));
        }
    }

    @Test
    void tinylogServiceFilesAreMergedAndRelocatedSoItReallyLogs() throws IOException {
        try (JarFile jar = new JarFile(ChildJvm.agentJar().toFile())) {
            JarEntry provider = jar.getJarEntry("META-INF/services/dev.aiq.agent.shaded.org.tinylog.provider.LoggingProvider");
            assertThat(provider).isNotNull();
            try (InputStream in = jar.getInputStream(provider)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .contains("dev.aiq.agent.shaded.org.tinylog.core.TinylogLoggingProvider");
            }
            assertThat(jar.getJarEntry("META-INF/services/org.tinylog.provider.LoggingProvider")).isNull();
        }
    }
}
