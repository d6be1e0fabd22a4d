package dev.aiq.agent.reload;

import dev.aiq.agent.protocol.ReloadOutcome;
import dev.aiq.agent.protocol.Change;
import dev.aiq.agent.watch.FileState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aiq.agent.console.Feedback;
import dev.aiq.agent.testing.DeterministicScheduler;
import dev.aiq.agent.yaml.ConfigError;
import dev.aiq.agent.yaml.ConfigException;
import dev.aiq.agent.yaml.Position;
import dev.aiq.agent.yaml.ReadResult;
import dev.aiq.api.ConfigOverrides;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reload engine with a fake reader (the config file's text is "key=value" lines, or "BAD ..." for a syntax
 * error), a fake provider (returns the tree as a map, or throws on "fail=..."), real listeners and a manual clock.
 */
class ReloadEngineTest {

    @TempDir
    Path dir;

    private Path config;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final DeterministicScheduler scheduler = new DeterministicScheduler();
    private final List<Consumer<Object[]>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    /** What the fake watcher last read, by path. */
    private final Map<Path, FileState> watcherStates = new java.util.concurrent.ConcurrentHashMap<>();
    private final FakeProvider provider = new FakeProvider();
    private ReloadEngine engine;

    @BeforeEach
    void startWithGenerationOne() throws Exception {
        config = dir.resolve("config.yml");
        write("temperature=0.7");
        engine = new ReloadEngine(this::read, provider, config, () -> listeners,
                new Feedback(new PrintStream(console, true, StandardCharsets.UTF_8), false), scheduler,
                Clock.systemUTC(), System::nanoTime, new ReloadEngine.Settings(3, 4, Duration.ofSeconds(5)), files -> { },
                file -> watcherStates.get(file));
        Object first = provider.replay(null, ConfigOverrides.none()).value();
        provider.live = first;
        engine.start(first, ConfigOverrides.none(), new ReloadEngine.Inputs(List.of(), List.of()), 1,
                "what the app's call of test.Loader#load returned");
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aChangeIsSwappedAppliedAndReportedWithWhatChanged() throws Exception {
        List<Object> applied = new ArrayList<>();
        listeners.add(change -> applied.add(change[1]));
        write("temperature=0.9");

        ReloadOutcome outcome = engine.reload("file change", false);

        assertThat(outcome.success()).isTrue();
        assertThat(outcome.generation()).isEqualTo(2);
        assertThat(provider.live).isEqualTo(Map.of("temperature", "0.9"));
        assertThat(applied).containsExactly(Map.of("temperature", "0.9"));
        assertThat(lines()).containsSubsequence("Reloading configuration...", "Configuration reloaded successfully",
                "  temperature: 0.7 -> 0.9", "Starting workflow with updated configuration...");
    }

    @Test
    void aFileChangeParsesTheBytesTheWatcherReadAndAnExplicitReloadReadsTheDisk() throws Exception {
        write("temperature=0.8");
        watcherStates.put(config, FileState.read(config));
        write("temperature=0.9");   // saved again after the watcher's read: its own event follows

        engine.fileChanged(java.util.Set.of(config));
        assertThat(engine.live().tree()).as("what the watcher hashed is what was parsed")
                .isEqualTo(Map.of("temperature", "0.8"));

        engine.reload("reload", false);
        assertThat(engine.live().tree()).as("a request reads the files as they are now")
                .isEqualTo(Map.of("temperature", "0.9"));
    }

    @Test
    void theSameContentIsNoReload() throws Exception {
        write("temperature=0.7");
        ReloadOutcome outcome = engine.reload("file change", false);
        assertThat(outcome.kind()).isEqualTo(ReloadOutcome.Kind.UNCHANGED);
        assertThat(engine.generation()).isEqualTo(1);
    }

    @Test
    void aWatcherLookAtASaveAReloadAlreadyAppliedIsToldToNobody() throws Exception {
        List<ReloadOutcome> told = new CopyOnWriteArrayList<>();
        engine.onOutcome(told::add);
        write("temperature=0.9");

        engine.reload("reload", false);                    // aiq-dev reload, right after the save
        engine.fileChanged(java.util.Set.of(config));      // the watcher's event for that same save

        assertThat(told).extracting(ReloadOutcome::kind).as("follow streams what the console says")
                .containsExactly(ReloadOutcome.Kind.RELOAD);
        assertThat(lines()).doesNotContain("Configuration unchanged (generation 2)");
    }

    @Test
    void aLateEventForASaveAlreadyAppliedDoesNotUndoARollback() throws Exception {
        write("temperature=0.9");
        engine.fileChanged(java.util.Set.of(config));
        assertThat(engine.rollback(1).success()).isTrue();

        engine.fileChanged(java.util.Set.of(config));      // the same save's second event (an in-place write)

        assertThat(engine.generation()).isEqualTo(3);
        assertThat(provider.live).as("the rollback stands").isEqualTo(Map.of("temperature", "0.7"));
        write("temperature=0.8");
        engine.fileChanged(java.util.Set.of(config));
        assertThat(provider.live).as("the next real save applies").isEqualTo(Map.of("temperature", "0.8"));
    }

    @Test
    void aDryRunBetweenASaveAndItsEventLeavesTheSaveToBeApplied() throws Exception {
        write("temperature=0.9");
        engine.validate(null);

        engine.fileChanged(java.util.Set.of(config));

        assertThat(engine.generation()).isEqualTo(2);
        assertThat(provider.live).isEqualTo(Map.of("temperature", "0.9"));
        assertThat(lines()).contains("Configuration file changed: " + config);
    }

    @Test
    void aReloadRequestThatFindsNothingNewIsSaidOnceAndTold() throws Exception {
        List<ReloadOutcome> told = new CopyOnWriteArrayList<>();
        engine.onOutcome(told::add);

        engine.reload("reload", false);
        engine.look("file change");

        assertThat(told).extracting(ReloadOutcome::kind).containsExactly(ReloadOutcome.Kind.UNCHANGED);
        assertThat(lines()).containsOnlyOnce("Configuration unchanged (generation 1)");
    }

    @Test
    void aDryRunIsOneLineOnTheConsoleAndAnOutcomeOfItsOwnKindThatLeavesTheLastRealOne() throws Exception {
        List<ReloadOutcome> told = new CopyOnWriteArrayList<>();
        engine.onOutcome(told::add);
        ReloadOutcome start = engine.lastOutcome();
        write("temperature=0.9");

        engine.reload("validate", true);
        write("fail=llms.nim._type: Unknown LLM type 'x'");
        engine.validate(null);

        assertThat(lines()).containsSubsequence(
                "Dry run (aiq-dev validate): config.yml is valid; 1 value(s) would change, nothing applied",
                "Dry run (aiq-dev validate): config.yml would be refused: "
                        + "config.yml:1:1: llms.nim._type: Unknown LLM type 'x' (nothing applied)");
        assertThat(lines()).noneMatch(line -> line.startsWith("Reloading configuration"));
        assertThat(told).extracting(ReloadOutcome::kind)
                .containsExactly(ReloadOutcome.Kind.VALIDATE, ReloadOutcome.Kind.VALIDATE);
        assertThat(engine.lastOutcome()).isSameAs(start);
        assertThat(engine.generation()).isEqualTo(1);
    }

    @Test
    void threeFailuresEndInRollbackAndALaterGoodEditIsApplied() throws Exception {
        List<Object[]> events = new ArrayList<>();
        listeners.add(events::add);
        write("BAD 3 5 unclosed quote");
        engine.reload("file change", false);
        write("fail=llms.nim._type: Unknown LLM type 'invalid_llm'");
        engine.reload("file change", false);
        write("BAD 1 1 tabs are not allowed for indentation");
        engine.reload("file change", false);

        assertThat(lines()).containsSubsequence(
                "Configuration reload failed (attempt 1/3): config.yml:3:5: unclosed quote",
                "Workflow continues with previous configuration due to reload error",
                "Configuration reload failed (attempt 2/3): config.yml:1:1: llms.nim._type: Unknown LLM type 'invalid_llm'",
                "Configuration reload failed (attempt 3/3): config.yml:1:1: tabs are not allowed for indentation",
                "Maximum reload attempts exceeded, attempting rollback...",
                "Configuration rolled back successfully (generation 1)");
        assertThat(provider.live).isEqualTo(Map.of("temperature", "0.7"));
        assertThat(events).singleElement().satisfies(e -> assertThat(e[4]).isEqualTo(true));
        assertThat(engine.attempts()).isZero();

        write("temperature=1.0");
        assertThat(engine.reload("file change", false).success()).isTrue();
        assertThat(provider.live).isEqualTo(Map.of("temperature", "1.0"));
    }

    @Test
    void aListenerVetoPutsThePreviousConfigBackAndReappliesItToThoseThatRan() throws Exception {
        List<String> log = new ArrayList<>();
        listeners.add(change -> log.add("first " + change[1] + (Boolean.TRUE.equals(change[4]) ? " (rollback)" : "")));
        listeners.add(change -> {
            throw new CompletionException(new IllegalStateException("port 8080 is taken"));
        });
        listeners.add(change -> log.add("third"));
        write("temperature=0.9");

        ReloadOutcome outcome = engine.reload("file change", false);

        assertThat(outcome.success()).isFalse();
        assertThat(provider.live).isEqualTo(Map.of("temperature", "0.7"));
        assertThat(engine.generation()).isEqualTo(1);
        assertThat(log).containsExactly("first {temperature=0.9}", "first {temperature=0.7} (rollback)");
        assertThat(lines()).anyMatch(l -> l.startsWith("Configuration reload failed (attempt 1/3): reload listener")
                && l.endsWith("rejected the change: port 8080 is taken"));
    }

    @Test
    void theSameBadContentIsNotParsedAgainAndARetryOfUnchangedContentIsSilent() throws Exception {
        write("BAD 2 2 broken");
        engine.reload("file change", false);
        int readsAfterFirst = reads.get();
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(reads.get()).as("the retry found the same content and did not parse it").isEqualTo(readsAfterFirst);
        assertThat(lines()).filteredOn(l -> l.startsWith("Configuration reload failed")).hasSize(1);
    }

    @Test
    void aRetryPicksUpAFileThatWasHalfWritten() throws Exception {
        write("BAD 1 3 half written");
        engine.reload("file change", false);
        write("temperature=0.8");
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(provider.live).isEqualTo(Map.of("temperature", "0.8"));
        assertThat(engine.attempts()).isZero();
    }

    @Test
    void aRetryThatIsFirstToSeeASaveAnnouncesTheFileItChanged() throws Exception {
        write("BAD 1 3 half written");
        engine.reload("file change", false);
        int failedAt = lines().size();
        write("temperature=0.8");   // saved during the back-off, before the watcher's quiet period ends
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(lines().subList(failedAt, lines().size())).containsSubsequence(
                "Configuration file changed: " + config, "Reloading configuration...",
                "Configuration reloaded successfully", "  temperature: 0.7 -> 0.8");
    }

    @Test
    void anEmptyFileIsASaveInProgressNotAnAttempt() throws Exception {
        write("");
        ReloadOutcome outcome = engine.reload("file change", false);
        assertThat(outcome.kind()).isEqualTo(ReloadOutcome.Kind.MISSING);
        assertThat(engine.attempts()).isZero();
        assertThat(provider.live).isEqualTo(Map.of("temperature", "0.7"));
        write("temperature=0.8");
        assertThat(engine.reload("file change", false).generation()).isEqualTo(2);
    }

    @Test
    void validateOnlyChecksAndSwapsNothing() throws Exception {
        write("temperature=0.9");
        ReloadOutcome outcome = engine.reload("reload", true);
        assertThat(outcome.kind()).isEqualTo(ReloadOutcome.Kind.VALIDATE);
        assertThat(outcome.success()).isTrue();
        assertThat(outcome.changes()).containsExactly(new Change("temperature", "0.7", "0.9"));
        assertThat(provider.live).isEqualTo(Map.of("temperature", "0.7"));
        assertThat(engine.generation()).isEqualTo(1);
    }

    @Test
    void validateTextChecksTheTextThroughTheProviderAndTouchesNeitherTheFileNorTheLiveConfig() throws Exception {
        ReloadOutcome outcome = engine.validateText(config, "temperature=0.9");

        assertThat(outcome.kind()).isEqualTo(ReloadOutcome.Kind.VALIDATE);
        assertThat(outcome.success()).as(outcome.errors().toString()).isTrue();
        assertThat(outcome.changes()).containsExactly(new Change("temperature", "0.7", "0.9"));
        assertThat(Files.readString(config)).isEqualTo("temperature=0.7");
        assertThat(provider.live).isEqualTo(Map.of("temperature", "0.7"));
        assertThat(engine.generation()).isEqualTo(1);
        try (var left = Files.list(dir)) {
            assertThat(left).as("the copy the provider read is gone").containsExactly(config);
        }
    }

    @Test
    void validateTextReportsTheReadersErrorAtItsLineAndTheAppsRefusal() {
        assertThat(engine.validateText(config, "BAD 3 5 unclosed quote").errors())
                .containsExactly("config.yml:3:5: unclosed quote");
        ReloadOutcome refused = engine.validateText(config, "fail=temperature: must be at most 2");
        assertThat(refused.success()).isFalse();
        assertThat(refused.errors()).singleElement().asString().contains("must be at most 2")
                .doesNotContain(".aiq-dev-edit-");
        assertThat(engine.generation()).isEqualTo(1);
    }

    @Test
    void validateTextRefusesAFileThatIsNotOneOfTheConfigs() {
        ReloadOutcome outcome = engine.validateText(dir.resolve("other.yml"), "temperature=0.9");

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.message()).contains("other.yml is not one of this config's files");
    }

    @Test
    void rollbackTwoStepsRestoresTheConfigTwoGenerationsBack() throws Exception {
        for (String t : List.of("0.8", "0.9")) {
            write("temperature=" + t);
            engine.reload("file change", false);
        }
        ReloadOutcome outcome = engine.rollback(2);
        assertThat(outcome.success()).isTrue();
        assertThat(outcome.generation()).isEqualTo(4);
        assertThat(provider.live).isEqualTo(Map.of("temperature", "0.7"));
        assertThat(engine.history()).extracting(HistoryEntry::generation).containsExactly(4L, 3L, 2L, 1L);
        assertThat(engine.rollback(9).errors()).containsExactly(
                "cannot roll back 9 step(s): history holds 4 generation(s) (4, 3, 2, 1)");
    }

    @Test
    void historyKeepsOnlyTheNewestEntries() throws Exception {
        for (int i = 1; i <= 6; i++) {
            write("temperature=0." + i);
            engine.reload("file change", false);
        }
        assertThat(engine.history()).extracting(HistoryEntry::generation).containsExactly(7L, 6L, 5L, 4L);
        assertThat(engine.diff(5, 7)).containsExactly(new Change("temperature", "0.4", "0.6"));
    }

    @Test
    void aLiveOverrideWinsSurvivesReloadsAndCanBeRemoved() throws Exception {
        assertThat(engine.set("temperature", "0.2").success()).isTrue();
        assertThat(provider.live).isEqualTo(Map.of("temperature", "0.2"));
        write("temperature=0.9");
        engine.reload("file change", false);
        assertThat(provider.live).isEqualTo(Map.of("temperature", "0.2"));
        assertThat(engine.unset("temperature").success()).isTrue();
        assertThat(provider.live).isEqualTo(Map.of("temperature", "0.9"));
        assertThat(engine.unset("temperature").errors()).containsExactly("no live override set for 'temperature'");
    }

    @Test
    void rightAfterStartTheLastOutcomeSaysHowGenerationOneCameToBe() {
        ReloadOutcome start = engine.lastOutcome();
        assertThat(start.kind()).isEqualTo(ReloadOutcome.Kind.START);
        assertThat(start.message()).isEqualTo("Generation 1 is what the app's call of test.Loader#load returned");
        assertThat(engine.history().get(0).cause()).isEqualTo("what the app's call of test.Loader#load returned");
    }

    @Test
    void anEditThatALiveOverridePinsIsListedWithTheOverrideThatWins() throws Exception {
        engine.set("temperature", "0.2");
        write("temperature=0.9");

        ReloadOutcome outcome = engine.reload("file change", false);

        assertThat(outcome.changes()).containsExactly(
                new Change("temperature", "0.7", "0.9", "0.2 stays (a live override: aiq-dev set)"));
        assertThat(lines()).contains("  temperature: 0.7 -> 0.9 in the file; 0.2 stays (a live override: aiq-dev set)");
        assertThat(provider.live).isEqualTo(Map.of("temperature", "0.2"));
    }

    @Test
    void aSaveThatChangesNoValueSaysSo() throws Exception {
        write("temperature=0.7\n");   // another byte, the same values
        ReloadOutcome outcome = engine.reload("file change", false);
        assertThat(outcome.changes()).isEmpty();
        assertThat(outcome.message()).isEqualTo("Configuration reloaded: no values changed (comments or formatting only)");
        assertThat(lines()).contains("Configuration reloaded: no values changed (comments or formatting only)")
                .doesNotContain("Configuration reloaded successfully");
    }

    @Test
    void aRollbackBringsBackTheOverridesItsGenerationWasMadeWith() throws Exception {
        write("temperature=0.8");
        engine.reload("file change", false);                       // generation 2: no override
        engine.set("temperature", "0.2");                            // generation 3: the override
        assertThat(engine.liveOverridesMasked()).containsEntry("temperature", "0.2");

        ReloadOutcome back = engine.rollback(1);

        assertThat(back.kind()).isEqualTo(ReloadOutcome.Kind.ROLLBACK);
        assertThat(provider.live).isEqualTo(Map.of("temperature", "0.8"));
        assertThat(engine.liveOverridesMasked()).as("status shows what runs").isEmpty();
        write("temperature=0.9");
        engine.reload("file change", false);
        assertThat(provider.live).as("the next save does not undo the rollback").isEqualTo(Map.of("temperature", "0.9"));
    }

    @Test
    void aRefusedOverrideAndAFailedRollbackHaveTheirOwnKindAndALine() {
        ReloadOutcome refused = engine.set("temperature.sub", "1");
        assertThat(refused.kind()).isEqualTo(ReloadOutcome.Kind.OVERRIDE);
        assertThat(refused.success()).isFalse();
        assertThat(lines()).anyMatch(line -> line.startsWith("Live override refused: temperature.sub: "));
        assertThat(engine.lastOutcome()).as("a refusal is a real outcome").isEqualTo(refused);

        ReloadOutcome rollback = engine.rollback(5);
        assertThat(rollback.kind()).isEqualTo(ReloadOutcome.Kind.ROLLBACK);
        assertThat(rollback.success()).isFalse();
        assertThat(lines()).anyMatch(line -> line.startsWith("Configuration rollback failed: cannot roll back 5 step(s)"));
    }

    @Test
    void anOverrideThatNoLongerFitsTheFileNamesItsOriginAndTheKeysPosition() throws Exception {
        assertThat(engine.set("mode.level", "3").success()).isTrue();
        write("temperature=0.7\nmode=flat");

        ReloadOutcome outcome = engine.reload("file change", false);

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.errors()).singleElement().asString()
                .startsWith("config.yml:2:1: ")
                .contains("mode.level")
                .endsWith("(a live override: aiq-dev set)");
    }

    @Test
    void secretsAreMaskedInWhatChanged() throws Exception {
        write("temperature=0.7\napi_key=abc");
        ReloadOutcome outcome = engine.reload("file change", false);
        assertThat(outcome.changes()).containsExactly(new Change("api_key", null, "****"));
        assertThat(String.join("\n", lines())).doesNotContain("abc");
    }

    private void write(String text) throws Exception {
        Files.writeString(config, text);
    }

    private List<String> lines() {
        return console.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** "key=value" lines; "BAD line col message" is a syntax error; "fail=..." makes the provider throw. */
    private ReadResult read(Path file, dev.aiq.agent.yaml.SourceFiles files) throws ConfigException {
        reads.incrementAndGet();
        String text;
        try {
            text = new String(files.read(file), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new ConfigException(ConfigError.in(file, "cannot read"));
        }
        if (text.startsWith("BAD ")) {
            String[] parts = text.split(" ", 4);
            throw new ConfigException(new ConfigError(file, Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), parts[3]));
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        Map<String, Position> positions = new LinkedHashMap<>();
        int line = 1;
        for (String l : text.split("\n")) {
            int eq = l.indexOf('=');
            tree.put(l.substring(0, eq), l.substring(eq + 1));
            positions.put(l.substring(0, eq), new Position(file, line++, 1));
        }
        positions.put("llms", new Position(file, 1, 1));
        return new ReadResult(file, tree, List.of(file), Map.of(file, text), Integer.toHexString(text.hashCode()),
                positions, List.of());
    }

    private final class FakeProvider implements ProviderBinding {
        Object live;

        @Override
        public String name() {
            return "test.Loader#load";
        }

        @Override
        public ClassLoader loader() {
            return getClass().getClassLoader();
        }

        @Override
        public ConfigOverrides appOverrides() {
            return ConfigOverrides.none();
        }

        @Override
        public boolean takesOverrides() {
            return true;
        }

        @Override
        public Replayed replay(Path file, ConfigOverrides overrides) throws Exception {
            String text = Files.readString(file == null ? config : file);
            if (text.startsWith("fail=")) {
                throw new IllegalArgumentException(text.substring(5));
            }
            Map<String, Object> tree = new LinkedHashMap<>();
            for (String l : text.split("\n")) {
                int eq = l.indexOf('=');
                if (!l.startsWith("api_key")) {
                    tree.put(l.substring(0, eq), l.substring(eq + 1));
                }
            }
            Map<String, Object> result = overrides.applyTo(tree);
            return new Replayed(Map.copyOf(result), List.of());
        }

        @Override
        public void publish(Object value, long generation) {
            live = value;
        }
    }
}
