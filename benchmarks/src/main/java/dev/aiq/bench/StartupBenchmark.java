package dev.aiq.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code -javaagent:aiq-dev.jar} adds to the sample host's start-up: the time from starting the JVM to the first
 * answer of {@code GET /health}, with and without the agent (no options: the defaults a developer gets), runs
 * alternating so that both see the same machine load; medians compared. Also reports how long after the first
 * {@code /health} the dev-mode banner appears.
 *
 * <p>Run: {@code benchmarks/run startup} (or {@code java -cp benchmarks/target/benchmarks.jar
 * dev.aiq.bench.StartupBenchmark} from the repository root). Target: median cost ≤ +100 ms over 10 runs each.
 */
public final class StartupBenchmark {

    private static final double TARGET_MS = 100;

    private StartupBenchmark() {
    }

    /** Runs the benchmark and prints its result line. */
    public static void main(String[] args) {
        run(BenchEnv.fromSystemProperties()).print();
    }

    static Result run(BenchEnv env) {
        Path dir = BenchEnv.tempDir("startup");
        Path config = Configs.write(dir.resolve(Configs.MAIN), Configs.small(1));
        int runs = env.samples(3, 10);
        // one of each first, not counted: the OS file cache and the CDS archive warm up
        timeToHealth(env, config, false);
        timeToHealth(env, config, true);
        Samples without = new Samples();
        Samples with = new Samples();
        Samples bannerAfter = new Samples();
        for (int i = 0; i < runs; i++) {
            without.add(timeToHealth(env, config, false)[0]);
            double[] agent = timeToHealth(env, config, true);
            with.add(agent[0]);
            bannerAfter.add(agent[1]);
        }
        double cost = with.median() - without.median();
        String measured = String.format(java.util.Locale.ROOT,
                "%+.0f ms (median %s with vs %s without, %d runs each; banner %s after the first /health)",
                cost, Samples.ms(with.median()), Samples.ms(without.median()), runs, Samples.ms(bannerAfter.median()));
        return new Result("start-up cost of -javaagent", "≤ +100 ms median", measured, cost <= TARGET_MS);
    }

    /** Returns {ms from start to the first /health, ms from then to the dev-mode banner (agent only)}. */
    private static double[] timeToHealth(BenchEnv env, Path config, boolean agent) {
        try (Host host = Host.serve(env, config, agent ? List.of(env.javaagent("")) : List.of())) {
            Health health = new Health(host.port());
            health.generation();
            long answered = System.nanoTime();
            double toHealth = (answered - host.startedNanos()) / 1e6;
            if (!agent) {
                return new double[] {toHealth, 0};
            }
            Host.Line banner = host.awaitLine("Development Mode Active");
            return new double[] {toHealth, (banner.nanos() - answered) / 1e6};
        }
    }
}
