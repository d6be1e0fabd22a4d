package dev.aiq.sample.it;

import static dev.aiq.sample.testing.DevModeLines.CONTINUES;
import static dev.aiq.sample.testing.DevModeLines.FAILED;
import static dev.aiq.sample.testing.DevModeLines.RELOADED;
import static dev.aiq.sample.testing.DevModeLines.RELOAD_DONE;
import static dev.aiq.sample.testing.DevModeLines.ROLLED_BACK;
import static dev.aiq.sample.testing.DevModeLines.ROLLING_BACK;
import static dev.aiq.sample.testing.WorkflowYaml.CONFIG;
import static dev.aiq.sample.testing.WorkflowYaml.FUNCTIONS;
import static dev.aiq.sample.testing.WorkflowYaml.MODEL;
import static dev.aiq.sample.testing.WorkflowYaml.QUESTION;
import static dev.aiq.sample.testing.WorkflowYaml.answeredBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aiq.sample.testing.ConfigDir;
import dev.aiq.sample.testing.DevModeLines;
import dev.aiq.sample.testing.HostApi;
import dev.aiq.sample.testing.HostProcess;
import dev.aiq.sample.testing.Temperatures;
import dev.aiq.sample.testing.WorkflowYaml;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Development mode in the served sample host, end to end: one {@code serve fastapi} host under the agent for the
 * whole class, its config edited on disk the ways people and tools save, every effect checked through the host's
 * HTTP API and the lines it prints. Each test leaves a good config live and on disk.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevModeServeIT {

    private static final int CALLERS = 50;
    private static final int MAX_REQUESTS_PER_CALLER = 5_000;
    private static final int RELOADS_UNDER_LOAD = 20;
    private static final Pattern TEMPERATURE = Pattern.compile("^\\[nim_llm nim \\S+ temperature=([0-9.]+)] ");

    private final Temperatures temperatures = new Temperatures();
    private ConfigDir dir;
    @AutoClose
    private HostProcess host;
    private HostApi api;
    /** The temperature of the live config, as the agent prints it in a diff. */
    private String liveTemperature = "0.5";

    @BeforeAll
    void startTheHostUnderTheAgent(@TempDir Path temp) {
        dir = ConfigDir.in(temp);
        host = HostProcess.servedUnderAgent(WorkflowYaml.copyTo(dir)).startActive();
        api = HostApi.at(host.port());
    }

    @Test
    void anEditedTemperatureAnswersTheNextRequest() {
        long generation = api.generation();
        String temperature = temperatures.next();
        int mark = host.mark();

        dir.writeInPlace(CONFIG, WorkflowYaml.fixture().temperature(temperature).text());

        host.awaitLineAfter(mark, RELOAD_DONE);
        assertThat(api.answer(QUESTION)).startsWith(answeredBy(MODEL, temperature));
        assertThat(api.generation()).isEqualTo(generation + 1);
        assertThat(host.linesAfter(mark)).containsSubsequence(
                "Configuration file changed: " + dir.file(CONFIG),
                "Reloading configuration...",
                RELOADED,
                "  llms.nim_llm.temperature: " + liveTemperature + " -> " + temperature,
                RELOAD_DONE);
        liveTemperature = temperature;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource
    void everySaveStyleReloadsExactlyOnce(SaveStyle style) {
        long generation = api.generation();
        String saved = temperatures.next();
        int mark = host.mark();

        style.save(dir, CONFIG, WorkflowYaml.fixture().temperature(saved).text());

        host.awaitLineAfter(mark, RELOAD_DONE);
        assertThat(api.answer(QUESTION)).startsWith(answeredBy(MODEL, saved));
        // A second reload of the same save would come before the sentinel's: after it, there must be exactly two.
        String sentinel = temperatures.next();
        int sentinelMark = host.mark();
        dir.writeInPlace(CONFIG, WorkflowYaml.fixture().temperature(sentinel).text());
        host.awaitLineAfter(sentinelMark, RELOAD_DONE);
        assertThat(api.answer(QUESTION)).startsWith(answeredBy(MODEL, sentinel));
        assertThat(api.generation()).isEqualTo(generation + 2);
        assertThat(host.linesAfter(mark)).filteredOn(RELOADED::equals).hasSize(2);
        assertThat(host.linesAfter(mark)).noneMatch(line -> line.startsWith(FAILED));
        liveTemperature = sentinel;
    }

    @Test
    void brokenEditsKeepTheLiveConfigAndTheThirdRollsBack() {
        Live live = new Live(api.generation(), api.answer(QUESTION), api.config());
        int mark = host.mark();

        dir.writeInPlace(CONFIG, brokenEdit().replace("current_datetime]", "current_datetime").text());
        assertRejected(mark, 1, "config.yml:21:11: expected ',' or ']' in the list opened at line 20, column 15", live);
        dir.writeAtomically(CONFIG, brokenEdit().replace("_type: nim\n", "_type: nimbus\n").text());
        assertRejected(mark, 2, "config.yml:11:5: llms.nim_llm._type: Unknown LLM type 'nimbus'", live);
        dir.writeInPlace(CONFIG, brokenEdit().replace("llm_name: nim_llm", "llm_name: missing_llm").text());
        String third = assertRejected(mark, 3,
                "config.yml:21:3: workflow.llm_name: LLM 'missing_llm' is not defined in llms", live);

        host.awaitLineAfter(mark, ROLLED_BACK);
        assertThat(host.linesAfter(mark)).containsSubsequence(
                third, CONTINUES, ROLLING_BACK, ROLLED_BACK + " (generation " + live.generation() + ")");
        assertThat(api.answer(QUESTION)).isEqualTo(live.answer());
        assertThat(api.config()).isEqualTo(live.config());
        assertThat(api.generation()).isEqualTo(live.generation());

        String fixed = temperatures.next();
        int fixedMark = host.mark();
        dir.writeInPlace(CONFIG, WorkflowYaml.fixture().temperature(fixed).text());
        host.awaitLineAfter(fixedMark, RELOAD_DONE);
        assertThat(api.answer(QUESTION)).startsWith(answeredBy(MODEL, fixed));
        assertThat(api.generation()).isEqualTo(live.generation() + 1);
        liveTemperature = fixed;
    }

    @Test
    void anEditOfTheIncludedFileReloads() {
        long generation = api.generation();
        assertThat(api.answer(QUESTION)).contains("wikipedia_search: 2 Wikipedia results");
        int mark = host.mark();

        dir.writeInPlace(FUNCTIONS, WorkflowYaml.functions().replace("max_results: 2", "max_results: 5"));

        host.awaitLineAfter(mark, RELOAD_DONE);
        assertThat(api.answer(QUESTION)).contains("wikipedia_search: 5 Wikipedia results");
        assertThat(api.generation()).isEqualTo(generation + 1);
        assertThat(host.linesAfter(mark)).containsSubsequence(
                "Configuration file changed: " + dir.file(FUNCTIONS),
                RELOADED,
                "  functions.wikipedia_search.max_results: 2 -> 5");
    }

    @Test
    void fiftyCallersSeeNoFailedRequestDuringTwentyReloads() throws InterruptedException {
        Set<String> written = new HashSet<>(List.of(liveTemperature));
        Set<String> answered = ConcurrentHashMap.newKeySet();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicIntegerArray requests = new AtomicIntegerArray(CALLERS);
        CountDownLatch everyCallerAnswered = new CountDownLatch(CALLERS);
        AtomicBoolean reloading = new AtomicBoolean(true);
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            for (int i = 0; i < CALLERS; i++) {
                int caller = i;
                callers.execute(() -> {
                    for (int n = 0; n < MAX_REQUESTS_PER_CALLER && reloading.get(); n++) {
                        call(answered, failures);
                        if (requests.incrementAndGet(caller) == 1) {
                            everyCallerAnswered.countDown();
                        }
                    }
                });
            }
            assertThat(everyCallerAnswered.await(HostProcess.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

            for (int i = 0; i < RELOADS_UNDER_LOAD; i++) {
                String temperature = temperatures.next();
                long generation = api.generation();
                dir.writeInPlace(CONFIG, WorkflowYaml.fixture().temperature(temperature).text());
                written.add(temperature);
                await().atMost(HostProcess.TIMEOUT).pollInterval(Duration.ofMillis(10))
                        .until(api::generation, live -> live == generation + 1);
                liveTemperature = temperature;
            }
            // every caller was still calling when the last reload went live
            int[] atLastReload = snapshot(requests);
            await().atMost(HostProcess.TIMEOUT).untilAsserted(() -> {
                for (int i = 0; i < CALLERS; i++) {
                    assertThat(requests.get(i)).as("requests of caller %d", i).isGreaterThan(atLastReload[i]);
                }
            });
        } finally {
            reloading.set(false);
            callers.shutdown();
            assertThat(callers.awaitTermination(HostProcess.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }

        assertThat(failures).isEmpty();
        assertThat(answered).isSubsetOf(written.stream().map(t -> Double.toString(Double.parseDouble(t))).toList())
                .hasSizeGreaterThan(1);
    }

    private void call(Set<String> answered, Queue<String> failures) {
        try {
            String answer = api.answer(QUESTION);
            Matcher temperature = TEMPERATURE.matcher(answer);
            if (temperature.find()) {
                answered.add(temperature.group(1));
            } else {
                failures.add("unexpected answer: " + answer);
            }
        } catch (RuntimeException | AssertionError e) {
            failures.add(e.toString());
        }
    }

    private static int[] snapshot(AtomicIntegerArray counts) {
        int[] snapshot = new int[counts.length()];
        for (int i = 0; i < snapshot.length; i++) {
            snapshot[i] = counts.get(i);
        }
        return snapshot;
    }

    /** The fixture with a temperature never used before, so that the edit would show if it went live. */
    private WorkflowYaml brokenEdit() {
        return WorkflowYaml.fixture().temperature(temperatures.next());
    }

    /** Waits for attempt {@code attempt}'s failure line, checks it and that {@code live} still answers; returns it. */
    private String assertRejected(int mark, int attempt, String error, Live live) {
        String line = host.awaitLineAfter(mark, DevModeLines.failed(attempt));
        assertThat(line).isEqualTo(DevModeLines.failed(attempt) + error);
        assertThat(api.answer(QUESTION)).isEqualTo(live.answer());
        assertThat(api.config()).isEqualTo(live.config());
        assertThat(api.generation()).isEqualTo(live.generation());
        return line;
    }

    /** What the host served before the broken edits. */
    private record Live(long generation, String answer, String config) {
    }

    /** The ways a config file is saved (see docs/config-watcher.md, "Save styles"). */
    enum SaveStyle {
        IN_PLACE(ConfigDir::writeInPlace),
        TEMP_FILE_AND_ATOMIC_RENAME(ConfigDir::writeAtomically),
        JETBRAINS_SAFE_WRITE(ConfigDir::writeLikeJetBrains),
        VIM(ConfigDir::writeLikeVim),
        DELETE_AND_RECREATE(ConfigDir::deleteAndRecreate);

        private final Writer writer;

        SaveStyle(Writer writer) {
            this.writer = writer;
        }

        void save(ConfigDir dir, String name, String content) {
            writer.write(dir, name, content);
        }

        /** One of {@link ConfigDir}'s writers. */
        @FunctionalInterface
        interface Writer {
            Path write(ConfigDir dir, String name, String content);
        }
    }
}
