package dev.aiq.sample.shout;

import static dev.aiq.sample.testing.DevModeLines.ACTIVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiq.sample.testing.AgentJar;
import dev.aiq.sample.testing.Cli;
import dev.aiq.sample.testing.HostApi;
import dev.aiq.sample.testing.HostProcess;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo of docs/plugins.md with the jar this module builds: {@code sample-plugin.jar} copied into the host's plugins
 * directory, the demo config, the agent; the host answers with the plugin's function, and a rebuilt jar copied over
 * it goes live as the docs show.
 */
class SamplePluginIT {

    private static final Path BUILT_JAR = Path.of(System.getProperty("sample.plugin.jar", "target/sample-plugin.jar"));
    private static final Path DEMO = Path.of(System.getProperty("sample.plugin.demo", "demo/workflow.yml"));

    @TempDir
    Path temp;

    @Test
    void theBuiltJarAnswersWithTheDemoConfigAsTheDocsPromiseAndARebuiltOneGoesLive() throws IOException {
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        Files.copy(BUILT_JAR, plugins.resolve("sample-plugin.jar"));
        Path config = Files.copy(DEMO, temp.resolve("workflow.yml"));
        try (HostProcess host = HostProcess.serve(config)
                .override("general.front_end.port", "0")   // the demo's 8000 may be taken on a shared machine
                .args("--plugins", plugins.toString())
                .jvmArgs(AgentJar.javaagent("delay=0.05"))
                .start()) {
            host.awaitLine(ACTIVE);
            host.awaitLine("Watching plugins: " + plugins);
            HostApi api = HostApi.at(host.port());

            assertThat(api.answer("please shout hello")).endsWith("| loud: PLEASE SHOUT HELLO!");
            JsonNode set = Cli.run("status", Long.toString(host.process().pid()), "--json").json()
                    .path("configs").path(0).path("plugins");
            assertThat(set.path("jars").path(0).path("version").asText())
                    .isEqualTo(System.getProperty("sample.plugin.version"));
            assertThat(set.path("types").path(0).asText()).isEqualTo(ShoutFunction.class.getName());

            int mark = host.mark();
            copyOver(rebuilt(Files.readAllBytes(BUILT_JAR)), plugins.resolve("sample-plugin.jar"));

            host.awaitLineAfter(mark, "Plugins: generation 2 is live ([" + ShoutFunction.class.getName() + "])");
            assertThat(host.linesAfter(mark)).containsSubsequence(
                    "Configuration file changed: " + plugins.resolve("sample-plugin.jar"),
                    "Reloading configuration...",
                    "Configuration reloaded successfully",
                    "Starting workflow with updated configuration...");
            assertThat(api.answer("please shout hello")).endsWith("| loud: PLEASE SHOUT HELLO!");
        }
    }

    /** The jar as a rebuild makes it: the same classes, other bytes (a resource more). */
    private static byte[] rebuilt(byte[] jar) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("rebuilt.txt"));
            out.write("2".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** {@code cp} onto the file the host reads: written in place, as the docs' command does. */
    private static void copyOver(byte[] jar, Path target) throws IOException {
        Files.write(target, jar);
    }
}
