package dev.aiq.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Idle CPU: two sample hosts side by side, one under the agent with its defaults (file events and the polling net
 * every 2 s) and one without, both serving and left alone. After they settle, the CPU time each process used over
 * the same window (from {@link ProcessHandle.Info#totalCpuDuration()}) is compared, as a share of one core.
 *
 * <p>Run: {@code benchmarks/run idle} (or {@code java -cp benchmarks/target/benchmarks.jar
 * dev.aiq.bench.IdleCpuBenchmark} from the repository root). Target: ≤ 0.5 % of a core over 60 s.
 */
public final class IdleCpuBenchmark {

    private static final double TARGET_PERCENT = 0.5;

    private IdleCpuBenchmark() {
    }

    /** Runs the benchmark and prints its result line. */
    public static void main(String[] args) {
        run(BenchEnv.fromSystemProperties()).print();
    }

    static Result run(BenchEnv env) {
        Duration settle = Duration.ofSeconds(env.samples(3, 10));
        Duration window = Duration.ofSeconds(env.samples(10, 60));
        Path dir = BenchEnv.tempDir("idle");
        Path config = Configs.write(dir.resolve(Configs.MAIN), Configs.small(1));
        try (Host with = Host.serve(env, config, List.of(env.javaagent("")));
             Host without = Host.serve(env, config, List.of())) {
            with.awaitLine("Development Mode Active");
            without.port();
            sleep(settle);
            long withStart = cpuNanos(with);
            long withoutStart = cpuNanos(without);
            long wallStart = System.nanoTime();
            sleep(window);
            long withUsed = cpuNanos(with) - withStart;
            long withoutUsed = cpuNanos(without) - withoutStart;
            double wall = System.nanoTime() - wallStart;
            double withPercent = 100 * withUsed / wall;
            double withoutPercent = 100 * withoutUsed / wall;
            double added = withPercent - withoutPercent;
            String measured = String.format(Locale.ROOT, "%+.2f %% of a core (%.2f %% with vs %.2f %% without, over"
                    + " %d s)", added, withPercent, withoutPercent, window.toSeconds());
            return new Result("idle CPU", "≤ 0.5 % of a core", measured, added <= TARGET_PERCENT);
        }
    }

    private static long cpuNanos(Host host) {
        return host.process().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("this OS does not report a process's CPU time"))
                .toNanos();
    }

    private static void sleep(Duration duration) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
