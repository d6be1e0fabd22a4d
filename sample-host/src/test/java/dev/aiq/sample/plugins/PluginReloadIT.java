package dev.aiq.sample.plugins;

import static dev.aiq.sample.testing.DevModeLines.ACTIVE;
import static dev.aiq.sample.testing.DevModeLines.FAILED;
import static dev.aiq.sample.testing.DevModeLines.RELOAD_DONE;
import static dev.aiq.sample.testing.DevModeLines.ROLLED_BACK;
import static dev.aiq.sample.testing.DevModeLines.ROLLING_BACK;
import static dev.aiq.sample.testing.DevModeLines.failed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aiq.sample.testing.AgentJar;
import dev.aiq.sample.testing.Cli;
import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.HostApi;
import dev.aiq.sample.testing.HostProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin hot reload in a served sample host started with the agent: a function {@code _type} from a plugin jar, rebuilt
 * while the host runs; broken jars refused with their reason while the host keeps answering with the live set; a jar
 * overwritten in place that the live set does not notice; three failures in a row rolled back. Each test leaves
 * {@code shout.jar} v1 live and alone in the plugins directory. {@link AttachedPluginReloadIT} runs the same with the
 * agent attached to a running host.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginReloadIT {

    static final String QUESTION = "please shout hello";
    static final String CONFIG = "config.yml";
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ConfigDir dir;
    private Path plugins;
    private HostProcess host;
    private HostApi api;

    @BeforeAll
    void startTheHostWithAPluginJar(@TempDir Path temp) {
        dir = ConfigDir.in(temp.resolve("config"));
        plugins = temp.resolve("plugins");
        shout("v1").writeTo(plugins, "shout.jar");
        Path config = dir.copyResource("plugins/config.yml", CONFIG);
        host = startWithTheAgent(HostProcess.serve(config).args("--plugins", plugins.toString()));
        host.awaitLine(ACTIVE);
        host.awaitLine("Watching plugins: " + plugins);
        api = HostApi.at(host.port());
    }

    /** Starts the host with the agent as {@code -javaagent} (reloads after a 50 ms quiet period). */
    HostProcess startWithTheAgent(HostProcess.Builder serve) {
        return serve.jvmArgs(AgentJar.javaagent("delay=0.05")).start();
    }

    @AfterAll
    void stopTheHost() {
        if (host != null) {
            host.close();
        }
    }

    /** A shout plugin whose answers start with {@code tag}. */
    static PluginJar shout(String tag) {
        return PluginJar.function("Shout", "shout", "shout", "\"" + tag + " \" + question.toUpperCase()").version(tag);
    }

    @Test
    void aRebuiltJarAnswersTheNextRequestAndStatusShowsIt() {
        assertThat(api.answer(QUESTION)).endsWith("| loud: v1 PLEASE SHOUT HELLO");
        int mark = host.mark();

        shout("v2").writeTo(plugins, "shout.jar");

        host.awaitLineAfter(mark, "Plugins: generation");
        assertThat(api.answer(QUESTION)).endsWith("| loud: v2 PLEASE SHOUT HELLO");
        // v1's class loader is let go once closed: each histogram collects first, and then only v2's is left
        await("v1's plugin class loader collected").atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> liveInstances("java.net.URLClassLoader"), live -> live == 1);
        assertThat(host.linesAfter(mark)).containsSubsequence(
                "Configuration file changed: " + plugins.resolve("shout.jar"),
                "Reloading configuration...",
                RELOAD_DONE);
        JsonNode status = Cli.run("status", Long.toString(host.process().pid()), "--json").json();
        JsonNode set = status.path("configs").path(0).path("plugins");
        assertThat(set.path("location").asText()).isEqualTo(plugins.toString());
        assertThat(set.path("jars").path(0).path("version").asText()).isEqualTo("v2");
        assertThat(set.path("types").path(0).asText()).isEqualTo("plugins.Shout");
        assertThat(Cli.run("status", Long.toString(host.process().pid())).outLines())
                .anyMatch(line -> line.contains("plugins") && line.contains("generation " + set.path("generation")
                        .asLong() + " of " + plugins))
                .anyMatch(line -> line.contains("shout.jar v2 (sha256 "));

        mark = host.mark();
        shout("v1").writeTo(plugins, "shout.jar");
        host.awaitLineAfter(mark, "Plugins: generation");
        assertThat(api.answer(QUESTION)).endsWith("| loud: v1 PLEASE SHOUT HELLO");
    }

    @Test
    void aJarOverwrittenInPlaceLeavesTheLiveSetWithTheBytesItWasBuiltFrom() throws IOException {
        int mark = host.mark();
        shout("v1").answer("question.contains(\"later\") ? plugins.Later.say(question) : \"v1 \" + question"
                + ".toUpperCase()").withClass("Later", "static String say(String q) { return \"later \" + q; }")
                .writeTo(plugins, "shout.jar");
        host.awaitLineAfter(mark, "Plugins: generation");
        assertThat(api.answer(QUESTION)).endsWith("| loud: v1 PLEASE SHOUT HELLO");
        int overwritten = host.mark();

        Files.writeString(plugins.resolve("shout.jar"), "this is not a zip file\n");   // the same file, truncated

        host.awaitLineAfter(overwritten, FAILED);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(host.linesAfter(overwritten))
                .anyMatch(l -> l.contains("shout.jar: not a readable jar")));
        // plugins.Later is loaded only now, after the overwrite: from the live set's own copy of the jar
        assertThat(api.answer("please shout later")).endsWith("| loud: later please shout later");
        assertThat(api.answer(QUESTION)).endsWith("| loud: v1 PLEASE SHOUT HELLO");

        int restored = host.mark();
        shout("v1").writeTo(plugins, "shout.jar");
        host.awaitLineAfter(restored, "Plugins: generation");
        assertThat(api.answer("please shout later")).endsWith("| loud: v1 PLEASE SHOUT LATER");
    }

    @Test
    void threeBrokenJarsInARowEndWithTheRollbackAndTheLiveSetServes() {
        int mark = host.mark();

        for (int attempt = 1; attempt <= 3; attempt++) {
            PluginJar.corrupt(plugins, "broken.jar", "not a jar, take " + attempt);
            host.awaitLineAfter(mark, failed(attempt));
        }

        host.awaitLineAfter(mark, ROLLED_BACK);
        assertThat(host.linesAfter(mark).stream().filter(line -> line.startsWith(FAILED)
                || line.startsWith(ROLLING_BACK) || line.startsWith(ROLLED_BACK)).toList()).satisfiesExactly(
                        line -> assertThat(line).startsWith(failed(1) + "broken.jar: not a readable jar"),
                        line -> assertThat(line).startsWith(failed(2) + "broken.jar: not a readable jar"),
                        line -> assertThat(line).startsWith(failed(3) + "broken.jar: not a readable jar"),
                        line -> assertThat(line).startsWith(ROLLING_BACK),
                        line -> assertThat(line).startsWith(ROLLED_BACK));
        assertThat(api.answer(QUESTION)).endsWith("| loud: v1 PLEASE SHOUT HELLO");

        int removed = host.mark();
        try {
            Files.delete(plugins.resolve("broken.jar"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        host.awaitLineAfter(removed, "Plugins match the live set again");
    }

    @Test
    void aCorruptJarIsRefusedNamingTheJar() {
        assertRefused(() -> PluginJar.corrupt(plugins, "broken.jar"), "broken.jar: not a readable jar", "broken.jar");
    }

    @Test
    void aMissingClassIsRefusedNamingTheJarAndTheClass() {
        assertRefused(() -> PluginJar.function("Gone", "gone", "gone", "question").withoutItsClass()
                .writeTo(plugins, "gone.jar"), "gone.jar: class plugins.Gone, listed in META-INF/services/"
                + PluginJar.SERVICE + ", is missing", "gone.jar");
    }

    @Test
    void aThrowingConstructorIsRefusedWithItsMessage() {
        assertRefused(() -> PluginJar.function("Grumpy", "grumpy", "grumpy", "question")
                .constructorThrows("no licence key").writeTo(plugins, "grumpy.jar"),
                "grumpy.jar: plugins.Grumpy could not be instantiated: IllegalStateException: no licence key",
                "grumpy.jar");
    }

    @Test
    void aRemovedTypeTheLiveConfigUsesIsRefusedByTheAppsOwnCheck() {
        assertRefused(() -> PluginJar.function("Shout", "whisper", "whisper", "question").writeTo(plugins,
                "shout.jar"), "functions.loud._type: Unknown function type 'shout'", null);
    }

    /** {@code breakIt} is refused with a line containing {@code reason}; the host answers with v1 throughout. */
    private void assertRefused(Runnable breakIt, String reason, String addedJar) {
        long generation = api.generation();
        byte[] live = bytesOf(plugins.resolve("shout.jar"));
        int mark = host.mark();

        breakIt.run();

        host.awaitLineAfter(mark, FAILED);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(host.linesAfter(mark)).anyMatch(l -> l.contains(reason)));
        assertThat(api.answer(QUESTION)).endsWith("| loud: v1 PLEASE SHOUT HELLO");
        assertThat(api.generation()).isEqualTo(generation);

        int restored = host.mark();
        try {
            if (addedJar != null) {
                Files.delete(plugins.resolve(addedJar));
            } else {
                Path temp = plugins.resolve(".shout.jar.tmp");
                Files.write(temp, live);
                Files.move(temp, plugins.resolve("shout.jar"), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        host.awaitLineAfter(restored, "Plugins match the live set again");
        assertThat(api.answer(QUESTION)).endsWith("| loud: v1 PLEASE SHOUT HELLO");
    }

    private static byte[] bytesOf(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @AfterEach
    void theHostStillServes() {
        assertThat(api.answer(QUESTION)).contains("| loud: ");
    }

    /** How many objects of the class {@code name} the host holds after a full collection (its class histogram). */
    private long liveInstances(String name) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process run = new ProcessBuilder(jcmd.toString(), Long.toString(host.process().pid()), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String histogram = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(1, TimeUnit.MINUTES)).as(histogram).isTrue();
        // a histogram line: "  12:   1   96  java.net.URLClassLoader (java.base@17)": rank, instances, bytes, name
        return histogram.lines().map(String::strip).map(line -> line.split("\\s+"))
                .filter(columns -> columns.length >= 4 && columns[3].equals(name))
                .mapToLong(columns -> Long.parseLong(columns[1])).sum();
    }
}
