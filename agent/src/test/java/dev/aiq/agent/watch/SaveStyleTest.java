package dev.aiq.agent.watch;

import static dev.aiq.agent.watch.RecordingSink.Kind.CHANGED;
import static dev.aiq.agent.watch.RecordingSink.Kind.MISSING;
import static dev.aiq.agent.watch.WatcherUnderTest.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.junit.ConfigEditor;
import dev.aiq.junit.SaveStyle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards that every way of saving a config is reported as a change of that file and never as anything else once the
 * save is over, with events and with polling. (A save caught half-done may be reported twice; the debouncer and the
 * engine's content hash make it one reload, which the sample host's end-to-end tests count.)
 */
class SaveStyleTest {

    private static final String ORIGINAL = "llms:\n  nim_llm:\n    temperature: 0.7\n";
    private static final String EDITED = "llms:\n  nim_llm:\n    temperature: 0.9\n";
    private static final String EDITED_AGAIN = "llms:\n  nim_llm:\n    temperature: 0.95\n    max_tokens: 512\n";
    /** How editors and tools save a file that exists (docs/config-watcher.md); the kit's other styles replace it. */
    private static final Set<SaveStyle> EDITOR_SAVES =
            EnumSet.of(SaveStyle.IN_PLACE, SaveStyle.ATOMIC_RENAME, SaveStyle.VIM, SaveStyle.JETBRAINS);

    @TempDir
    Path dir;

    static Stream<Arguments> everySaveStyleInEveryMode() {
        return EDITOR_SAVES.stream()
                .flatMap(style -> Arrays.stream(WatchMode.values()).map(mode -> Arguments.of(style, mode)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("everySaveStyleInEveryMode")
    void eachSaveEndsInOneSettledChange(SaveStyle style, WatchMode mode) throws Exception {
        ConfigEditor editor = ConfigEditor.in(dir);
        Path config = editor.writeInPlace("config.yml", ORIGINAL);
        try (WatcherUnderTest watching = new WatcherUnderTest(mode, dir)) {
            watching.watch(config);

            editor.write(style, "config.yml", EDITED);
            watching.awaitChanges(config, 1);
            watching.awaitAllChecked();
            int afterFirst = watching.sink.callsAbout(config).size();
            assertThat(watching.sink.settledCallsAbout(config)).endsWith(CHANGED).doesNotContainSequence(CHANGED, MISSING);

            long changesBefore = watching.sink.changes(config);
            editor.write(style, "config.yml", EDITED_AGAIN);
            watching.awaitChanges(config, changesBefore + 1);
            watching.awaitAllChecked();
            assertThat(watching.sink.settledCallsAbout(config, afterFirst)).endsWith(CHANGED).doesNotContainSequence(CHANGED, MISSING);
        }
    }

    @ParameterizedTest
    @EnumSource(WatchMode.class)
    void aTouchThatKeepsTheContentIsNoChange(WatchMode mode) throws Exception {
        Path config = write(dir.resolve("config.yml"), ORIGINAL);
        try (WatcherUnderTest watching = new WatcherUnderTest(mode, dir)) {
            watching.watch(config);

            Files.writeString(config, ORIGINAL);
            Files.setLastModifiedTime(config, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
            watching.awaitAllChecked();

            // between truncate and write the file is briefly empty, which may be reported as missing (the runtime
            // says so only if it lasts); what must never come is a change
            assertThat(watching.sink.callsAbout(config)).doesNotContain(CHANGED);
        }
    }

    @ParameterizedTest
    @EnumSource(WatchMode.class)
    void eachKubernetesConfigMapSwapIsOneChange(WatchMode mode) throws Exception {
        ConfigEditor volume = ConfigEditor.in(dir.resolve("config-volume"));
        Path config = volume.kubernetesSwap("config.yml", ORIGINAL);
        try (WatcherUnderTest watching = new WatcherUnderTest(mode, dir)) {
            watching.watch(config);
            Path firstVersion = volume.configMapVersion();
            assertThat(watching.watcher.watchedDirectories()).contains(dir.resolve("config-volume"), firstVersion);

            volume.kubernetesSwap("config.yml", EDITED);
            watching.awaitChanges(config, 1);
            watching.awaitAllChecked();
            assertThat(watching.sink.settledCallsAbout(config)).containsExactly(CHANGED);

            // The second swap is only seen if the watcher moved on to the directory the first one created.
            volume.kubernetesSwap("config.yml", EDITED_AGAIN);
            watching.awaitChanges(config, 2);
            watching.awaitAllChecked();
            assertThat(watching.sink.changes(config)).isGreaterThanOrEqualTo(2);
            assertThat(watching.sink.misses(config)).isZero();
            assertThat(watching.watcher.watchedDirectories())
                    .contains(volume.configMapVersion())
                    .doesNotContain(firstVersion);
        }
    }

    @ParameterizedTest
    @EnumSource(WatchMode.class)
    void aDeletedFileIsMissingOnceAndChangedOnceWhenItComesBack(WatchMode mode) throws Exception {
        Path config = write(dir.resolve("config.yml"), ORIGINAL);
        try (WatcherUnderTest watching = new WatcherUnderTest(mode, dir)) {
            watching.watch(config);

            Files.delete(config);
            watching.awaitMissing(config, 1);
            watching.awaitAllChecked();

            write(config, EDITED);
            watching.awaitChanges(config, 1);
            watching.awaitAllChecked();
            assertThat(watching.sink.settledCallsAbout(config)).containsExactly(MISSING, CHANGED);
        }
    }
}
