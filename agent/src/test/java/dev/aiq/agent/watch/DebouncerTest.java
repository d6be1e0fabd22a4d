package dev.aiq.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.aiq.agent.testing.DeterministicScheduler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DebouncerTest {

    private static final Duration QUIET = Duration.ofMillis(500);

    private final DeterministicScheduler scheduler = new DeterministicScheduler();
    private final List<List<Path>> runs = new ArrayList<>();

    @Test
    void aBurstOfSignalsRunsTheActionOnceWithEveryPathInOrder() {
        Debouncer debouncer = new Debouncer(scheduler, QUIET, this::record);
        List<Path> paths = IntStream.range(0, 10).mapToObj(i -> Path.of("file" + i + ".yml")).toList();

        for (Path path : paths) {
            debouncer.signal(path);
            scheduler.advance(Duration.ofMillis(50));
        }
        // The last signal came 50 ms ago: the quiet period ends 450 ms from now, not before.
        scheduler.advance(Duration.ofMillis(449));
        assertThat(runs).isEmpty();

        scheduler.advance(Duration.ofMillis(1));
        assertThat(runs).containsExactly(paths);
        assertThat(scheduler.pendingTasks()).isZero();
    }

    @Test
    void aPathSignalledTwiceIsPassedOnce() {
        Debouncer debouncer = new Debouncer(scheduler, QUIET, this::record);

        debouncer.signal(Path.of("config.yml"));
        debouncer.signal(Path.of("prompt.txt"));
        debouncer.signal(Path.of("config.yml"));
        scheduler.advance(QUIET);

        assertThat(runs).containsExactly(List.of(Path.of("config.yml"), Path.of("prompt.txt")));
    }

    @Test
    void aSignalDuringTheActionRunsAgainAfterIt() {
        Path first = Path.of("config.yml");
        Path duringReload = Path.of("include.yml");
        Debouncer[] debouncer = new Debouncer[1];
        debouncer[0] = new Debouncer(scheduler, QUIET, changed -> {
            record(changed);
            if (runs.size() == 1) {
                debouncer[0].signal(duringReload); // the developer saves again while the reload runs
            }
        });

        debouncer[0].signal(first);
        scheduler.advance(QUIET);
        assertThat(runs).containsExactly(List.of(first));

        scheduler.advance(QUIET);
        assertThat(runs).containsExactly(List.of(first), List.of(duringReload));
    }

    @Test
    void aZeroQuietPeriodRunsAsSoonAsTheExecutorIsFree() {
        Debouncer debouncer = new Debouncer(scheduler, Duration.ZERO, this::record);

        debouncer.signal(Path.of("config.yml"));
        assertThat(runs).as("runs on the executor, not on the signalling thread").isEmpty();

        scheduler.runDueTasks();
        assertThat(runs).containsExactly(List.of(Path.of("config.yml")));
    }

    @Test
    void aFailingActionIsReportedInOneLineAndTheNextChangeStillRuns() {
        Debouncer debouncer = new Debouncer(scheduler, QUIET, failingFirst(this::record));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            debouncer.signal(Path.of("config.yml"));
            scheduler.advance(QUIET);
        } finally {
            System.setErr(original);
        }
        debouncer.signal(Path.of("config.yml"));
        scheduler.advance(QUIET);

        assertThat(err.toString(StandardCharsets.UTF_8).lines())
                .singleElement(STRING)
                .contains("config.yml", "IllegalStateException: reload broke");
        assertThat(runs).containsExactly(List.of(Path.of("config.yml")));
    }

    @Test
    void closeCancelsThePendingRunAndIgnoresLaterSignals() {
        Debouncer debouncer = new Debouncer(scheduler, QUIET, this::record);
        debouncer.signal(Path.of("config.yml"));

        debouncer.close();
        debouncer.signal(Path.of("config.yml"));
        scheduler.advance(QUIET.multipliedBy(2));

        assertThat(runs).isEmpty();
        assertThat(scheduler.pendingTasks()).isZero();
    }

    private void record(Set<Path> changed) {
        runs.add(List.copyOf(changed));
    }

    private static Consumer<Set<Path>> failingFirst(Consumer<Set<Path>> then) {
        boolean[] failed = {false};
        return changed -> {
            if (!failed[0]) {
                failed[0] = true;
                throw new IllegalStateException("reload broke");
            }
            then.accept(changed);
        };
    }
}
