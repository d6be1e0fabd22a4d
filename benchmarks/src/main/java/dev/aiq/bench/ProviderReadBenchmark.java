package dev.aiq.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The cost of reading the config through an instrumented provider, against the same app code reading a plain
 * volatile field: the app's hot path under the agent. Each {@link ReadKind} runs in forks of its own under
 * {@code -javaagent:aiq-dev.jar}, after the provider's first calls made its configs, so every measured call of a
 * provider takes the woven fast path ({@code DevModeBridge.current}: the call's arguments compared with each
 * config's, no allocation, no lock). Every provider read has a baseline that does the same work without the agent
 * (builds the same argument object, then reads a plain field), so the difference is the agent's part alone.
 *
 * <p>Run: {@code benchmarks/run provider-read}, or from the repository root {@code java -jar
 * benchmarks/target/benchmarks.jar ProviderReadBenchmark -prof gc -jvmArgsAppend
 * -javaagent:agent/target/aiq-dev.jar}. Targets: ≤ +1 ns/op over the baseline when the app passes the same argument
 * objects (one config, three configs), ≤ +5 ns/op when it builds a new, equal {@code Path} or {@code String} on
 * every call; 0 B/op more than the baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class ProviderReadBenchmark {

    /** How the config is read; a provider read names the baseline it is compared with. */
    public enum ReadKind {
        /** A static volatile field: what an app without the agent pays at least. */
        PLAIN_VOLATILE_FIELD(null, 0, "plain volatile read", 0) {
            @Override
            Object read(ProviderReadBenchmark state, Blackhole sink) {
                return plainField;
            }
        },
        /** One config; the app passes the same {@code Path} object on every call. */
        ONE_CONFIG_SAME_ARGUMENTS(PLAIN_VOLATILE_FIELD, 1,
                "provider read, one config, the same argument object", 1) {
            @Override
            Object read(ProviderReadBenchmark state, Blackhole sink) {
                return BenchConfigProvider.load(state.files[0]);
            }
        },
        /**
         * Three configs of the same method (three files of one directory); the app reads the one made last, with the
         * same {@code Path} object on every call.
         */
        THREE_CONFIGS_SAME_ARGUMENTS(PLAIN_VOLATILE_FIELD, 3,
                "provider read, three configs of one method, the third read, the same argument object", 1) {
            @Override
            Object read(ProviderReadBenchmark state, Blackhole sink) {
                return BenchConfigProvider.load(state.files[2]);
            }
        },
        /** Without the agent: the app builds {@code Path.of(sameString)} and reads a plain field. */
        NEW_PATH_THEN_PLAIN_FIELD(null, 0, "Path.of + plain volatile read", 0) {
            @Override
            Object read(ProviderReadBenchmark state, Blackhole sink) {
                sink.consume(Path.of(state.fileNames[0]));
                return plainField;
            }
        },
        /** One config; the app builds a new, equal {@code Path.of(sameString)} on every call. */
        ONE_CONFIG_NEW_EQUAL_PATH(NEW_PATH_THEN_PLAIN_FIELD, 1,
                "provider read, a new equal `Path` on every call", 5) {
            @Override
            Object read(ProviderReadBenchmark state, Blackhole sink) {
                Path file = Path.of(state.fileNames[0]);
                sink.consume(file);
                return BenchConfigProvider.load(file);
            }
        },
        /** Without the agent: the app builds {@code new String(chars)} and reads a plain field. */
        NEW_STRING_THEN_PLAIN_FIELD(null, 0, "new String + plain volatile read", 0) {
            @Override
            Object read(ProviderReadBenchmark state, Blackhole sink) {
                sink.consume(new String(state.fileNameChars));
                return plainField;
            }
        },
        /** One config of a provider taking a {@code String}; the app builds a new, equal string on every call. */
        ONE_CONFIG_NEW_EQUAL_STRING(NEW_STRING_THEN_PLAIN_FIELD, 1,
                "provider read, a new equal `String` on every call", 5) {
            @Override
            Object read(ProviderReadBenchmark state, Blackhole sink) {
                String fileName = new String(state.fileNameChars);
                sink.consume(fileName);
                return BenchConfigProvider.loadNamed(fileName);
            }

            @Override
            Object firstCall(ProviderReadBenchmark state, int config) {
                return BenchConfigProvider.loadNamed(state.fileNames[config]);
            }
        };

        private final ReadKind baseline;
        private final int configs;
        /** A provider read's metric in the results table; what a baseline does. */
        private final String label;
        /** A provider read's target: at most this many ns/op over its baseline. */
        private final int targetNanos;

        ReadKind(ReadKind baseline, int configs, String label, int targetNanos) {
            this.baseline = baseline;
            this.configs = configs;
            this.label = label;
            this.targetNanos = targetNanos;
        }

        /** The read without the agent that does the same app work, or null for a baseline itself. */
        ReadKind baseline() {
            return baseline;
        }

        /** How many configs the provider has before the measurement (0 for a baseline). */
        int configs() {
            return configs;
        }

        abstract Object read(ProviderReadBenchmark state, Blackhole sink);

        /** The app's first call for config {@code config}: the one that makes it a config of the agent. */
        Object firstCall(ProviderReadBenchmark state, int config) {
            return BenchConfigProvider.load(state.files[config]);
        }
    }

    private static volatile Object plainField;

    /** Which read to measure. */
    @Param
    public ReadKind kind;

    private Path[] files;
    private String[] fileNames;
    private char[] fileNameChars;

    /** Writes the configs, makes the provider's first calls and checks that the weave answers the next ones. */
    @Setup
    public void setUp(Blackhole sink) throws IOException, InterruptedException {
        Path dir = BenchEnv.tempDir("provider");
        String[] names = {"workflow.yml", "tools.yml", "agents.yml"};
        files = new Path[names.length];
        fileNames = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            fileNames[i] = dir.resolve(names[i]).toString();
            files[i] = Path.of(fileNames[i]);
            Files.writeString(files[i], "workflow:\n  _type: react_agent\n  name: " + names[i] + "\n");
            files[i].toFile().deleteOnExit();
        }
        fileNameChars = fileNames[0].toCharArray();
        plainField = BenchConfigProvider.load(files[0]);
        for (int i = 0; i < kind.configs(); i++) {
            kind.firstCall(this, i);
        }
        if (kind.baseline() != null) {
            awaitAnsweredByAgent(sink);
        }
    }

    /** The agent makes a config of a first call on the calling thread; a short wait covers any hand-off. */
    private void awaitAnsweredByAgent(Blackhole sink) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (kind.read(this, sink) == kind.read(this, sink)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException(kind + ": the provider is not answered by the agent: run the fork with"
                + " -jvmArgsAppend -javaagent:agent/target/aiq-dev.jar");
    }

    /** One read of the live config. */
    @Benchmark
    public Object read(Blackhole sink) {
        return kind.read(this, sink);
    }

    /**
     * Runs every {@link ReadKind} through JMH with the GC profiler, under the agent, and compares each provider read
     * with its baseline: one result per provider read. The machine is shared, and its load drifts over minutes: each
     * round runs one fork of every kind, a baseline right before the reads compared with it, and a provider read's
     * cost is the median over the rounds of its difference with the baseline of the same round.
     */
    static List<Result> run(BenchEnv env) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(ProviderReadBenchmark.class.getName())
                .jvm(env.java())
                .jvmArgsAppend(env.javaagent(""))
                .addProfiler(GCProfiler.class)
                .forks(1)
                .shouldFailOnError(true);
        int rounds = ProviderReadBenchmark.class.getAnnotation(Fork.class).value();
        if (env.quick()) {
            rounds = 1;
            options.warmupIterations(2).warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(3).measurementTime(TimeValue.milliseconds(500));
        }
        List<Map<ReadKind, RunResult>> byRound = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Map<ReadKind, RunResult> byKind = new EnumMap<>(ReadKind.class);
            try {
                new Runner(options.build()).run()
                        .forEach(run -> byKind.put(ReadKind.valueOf(run.getParams().getParam("kind")), run));
            } catch (RunnerException e) {
                throw new IllegalStateException("JMH failed: " + e.getMessage(), e);
            }
            byRound.add(byKind);
        }
        List<Result> results = new ArrayList<>();
        for (ReadKind kind : ReadKind.values()) {
            if (kind.baseline() != null) {
                results.add(compare(kind, byRound));
            }
        }
        return results;
    }

    /** One provider read against its baseline, from the medians of each fork's iterations, round by round. */
    private static Result compare(ReadKind kind, List<Map<ReadKind, RunResult>> byRound) {
        double[] added = new double[byRound.size()];
        double[] provider = new double[byRound.size()];
        double[] baseline = new double[byRound.size()];
        double[] addedBytes = new double[byRound.size()];
        for (int i = 0; i < byRound.size(); i++) {
            RunResult own = byRound.get(i).get(kind);
            RunResult base = byRound.get(i).get(kind.baseline());
            provider[i] = median(iterationScores(own));
            baseline[i] = median(iterationScores(base));
            added[i] = provider[i] - baseline[i];
            addedBytes[i] = allocated(own) - allocated(base);
        }
        double cost = median(added);
        double bytes = median(addedBytes);
        String measured = String.format(Locale.ROOT, "%+.2f ns/op (median of %s; round by round %s ns/op:"
                        + " %s provider vs %s %s), %+.3f B/op (%.3f vs %.3f)", cost,
                added.length == 1 ? "1 round" : added.length + " rounds", list(added),
                list(provider), list(baseline), kind.baseline().label, bytes,
                allocated(byRound.get(0).get(kind)), allocated(byRound.get(0).get(kind.baseline())));
        // JMH's own bookkeeping per iteration shows up as a fraction of a byte per op: a read that allocated
        // anything would show at least 16 B/op more than its baseline
        return new Result(kind.label, String.format(Locale.ROOT, "≤ +%d ns/op, +0 B/op", kind.targetNanos),
                measured, cost <= kind.targetNanos && bytes < 1);
    }

    private static double[] iterationScores(RunResult run) {
        return run.getBenchmarkResults().stream()
                .flatMap(fork -> fork.getIterationResults().stream())
                .mapToDouble(iteration -> iteration.getPrimaryResult().getScore()).toArray();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static String list(double[] values) {
        StringBuilder b = new StringBuilder();
        for (double v : values) {
            b.append(b.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.2f", v));
        }
        return b.toString();
    }

    private static double allocated(RunResult run) {
        org.openjdk.jmh.results.Result<?> norm = run.getSecondaryResults().get("gc.alloc.rate.norm");
        return norm == null ? Double.NaN : norm.getScore();
    }
}
