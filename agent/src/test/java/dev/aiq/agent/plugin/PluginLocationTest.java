package dev.aiq.agent.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.aiq.agent.console.Feedback;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugins location on its own (no config to replay): builds, reasons, the live view, the private copies sets are
 * loaded from and the replaced loaders.
 */
class PluginLocationTest {

    @TempDir
    Path plugins;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final ScheduledThreadPoolExecutor worker = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stopTheWorker() {
        worker.shutdownNow();
    }

    @Test
    void aReplacedSetsLoaderBecomesUnreachable() throws Exception {
        SupplierJars.write(plugins, "answer.jar", "v1", "");
        PluginLocation location = open();
        WeakReference<ClassLoader> first = new WeakReference<>(location.live().loader());
        assertThat(answers(location)).containsExactly("v1");

        SupplierJars.write(plugins, "answer.jar", "v2", "");
        worker.submit(location::reloadIfChanged).get();

        assertThat(answers(location)).containsExactly("v2");
        assertThat(location.live().generation()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            System.gc();
            return first.get() == null;
        });
        assertThat(location.retiredAlive()).isZero();
    }

    @Test
    void theLiveSetLoadsItsClassesFromTheBytesItWasBuiltFromAfterTheJarIsOverwrittenInPlace(@TempDir Path elsewhere)
            throws Exception {
        Path jar = SupplierJars.writeWithALazyClass(plugins, "answer.jar", "v1");
        PluginLocation location = open();
        byte[] v2 = Files.readAllBytes(SupplierJars.writeWithALazyClass(elsewhere, "answer.jar", "v2"));

        Files.write(jar, v2);   // the same file, rewritten: what a build tool does to its output
        // plugins.Later loads only now, after the overwrite: from the set's copy of v1
        assertThat(answers(location)).containsExactly("v1");

        Files.writeString(jar, "not a zip any more");
        assertThat(answers(location)).containsExactly("v1");
    }

    @Test
    void aReplacedSetsCopyIsDeletedOnceItsLoaderIsCollected() throws Exception {
        SupplierJars.write(plugins, "answer.jar", "v1", "");
        PluginLocation location = open();
        Path firstCopy = copyOf(location.live());
        WeakReference<ClassLoader> first = new WeakReference<>(location.live().loader());
        assertThat(firstCopy).isDirectory().isNotEqualTo(plugins);

        SupplierJars.write(plugins, "answer.jar", "v2", "");
        worker.submit(location::reloadIfChanged).get();

        assertThat(answers(location)).containsExactly("v2");
        assertThat(copyOf(location.live())).isDirectory();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            System.gc();
            return first.get() == null && !Files.exists(firstCopy);
        });
        assertThat(copyOf(location.live())).isDirectory();
    }

    @Test
    void aSetThatFailsToBuildLeavesNoCopy(@TempDir Path good) throws Exception {
        SupplierJars.write(plugins, "answer.jar", "v1", "if (!never()) { throw new IllegalStateException(\"no key\"); }");
        SupplierJars.write(good, "answer.jar", "good", "");
        Path copies = copyOf(PluginBuild.build(1, PluginContent.read(good), Supplier.class, loader())).getParent();

        assertThatThrownBy(() -> PluginBuild.build(77, PluginContent.read(plugins), Supplier.class, loader()))
                .hasMessageStartingWith("answer.jar: plugins.Answer could not be instantiated");
        Files.writeString(plugins.resolve("broken.jar"), "not a zip");
        assertThatThrownBy(() -> PluginBuild.build(78, PluginContent.read(plugins), Supplier.class, loader()))
                .hasMessageStartingWith("broken.jar: not a readable jar");

        try (Stream<Path> sets = Files.list(copies)) {
            assertThat(sets.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("set-77-") || name.startsWith("set-78-"));
        }
    }

    @Test
    void onlyTheDirectoriesOfJvmsThatAreGoneAreDeleted(@TempDir Path base) throws Exception {
        Path mine = Files.createDirectories(base.resolve(PluginCopies.directoryName(ProcessHandle.current())));
        Path crashed = Files.createDirectories(base.resolve("999999999-1").resolve("set-1-x"));
        Path reusedPid = Files.createDirectories(base.resolve(ProcessHandle.current().pid() + "-1"));
        long started = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
        Path mineSeenByAnother = Files.createDirectories(base.resolve(ProcessHandle.current().pid() + "-"
                + (started + 1_000)));
        Path notOurs = Files.createDirectories(base.resolve("notes"));

        PluginCopies.deleteGoneJvms(base);

        assertThat(mine).isDirectory();
        assertThat(mineSeenByAnother).as("a start time read a second off (the boot time moved)").isDirectory();
        assertThat(notOurs).isDirectory();
        assertThat(crashed.getParent()).doesNotExist();
        assertThat(reusedPid).doesNotExist();
    }

    @Test
    void aSetThatCannotBeBuiltStaysOutAndTheLiveOneServes() throws Exception {
        SupplierJars.write(plugins, "answer.jar", "v1", "");
        PluginLocation location = open();
        Files.writeString(plugins.resolve("broken.jar"), "not a zip");

        worker.submit(location::reloadIfChanged).get();

        assertThat(answers(location)).containsExactly("v1");
        assertThat(location.live().generation()).isEqualTo(1);
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("plugins not reloaded: broken.jar: not a readable jar (");
    }

    @Test
    void aThrowingConstructorNamesTheJarAndTheClass() throws Exception {
        SupplierJars.write(plugins, "answer.jar", "v1", "if (!never()) { throw new IllegalStateException(\"no key\"); }");

        assertThatThrownBy(() -> PluginBuild.build(1, PluginContent.read(plugins), Supplier.class, loader()))
                .isInstanceOf(PluginBuild.Failure.class)
                .hasMessage("answer.jar: plugins.Answer could not be instantiated: IllegalStateException: no key");
    }

    @Test
    void theViewShowsAStagedSetToTheStagingThreadOnly() throws Exception {
        PluginView view = new PluginView(List.of("live"));
        view.stage(List.of("staged"));
        Object[] elsewhere = new Object[1];
        Thread other = new Thread(() -> elsewhere[0] = view.get());
        other.start();
        other.join();

        assertThat(view.get()).isEqualTo(List.of("staged"));
        assertThat(elsewhere[0]).isEqualTo(List.of("live"));
        view.unstage();
        assertThat(view.get()).isEqualTo(List.of("live"));
    }

    private PluginLocation open() throws Exception {
        PluginGeneration first = PluginBuild.build(1, PluginContent.read(plugins), Supplier.class, loader());
        Feedback feedback = new Feedback(new PrintStream(console, true, StandardCharsets.UTF_8), false);
        return new PluginLocation(plugins, Supplier.class, loader(), first, feedback, List::of);
    }

    /** The directory of the private copy {@code set}'s loader reads. */
    private static Path copyOf(PluginGeneration set) throws Exception {
        URL[] urls = ((URLClassLoader) set.loader()).getURLs();
        return Path.of(urls[0].toURI()).getParent();
    }

    private static ClassLoader loader() {
        return PluginLocationTest.class.getClassLoader();
    }

    private static List<Object> answers(PluginLocation location) {
        return location.view().get().stream().map(s -> (Object) ((Supplier<?>) s).get()).toList();
    }
}
