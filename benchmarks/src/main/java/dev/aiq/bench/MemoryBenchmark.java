package dev.aiq.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Memory and threads over many reloads: the sample host runs under the agent (watching off: {@code events=false,
 * poll=0}); the benchmark saves a new revision of the config and asks for a {@code reload} on the control socket,
 * which answers once the new config is live and applied, and repeats. After 100 reloads and again after 10,000 it
 * runs three full GCs through {@code jcmd} and reads the heap in use and the Java threads.
 *
 * <p>Run: {@code benchmarks/run memory} (or {@code java -cp benchmarks/target/benchmarks.jar
 * dev.aiq.bench.MemoryBenchmark} from the repository root). Target: heap growth ≤ 1 MB, same threads.
 * {@code --quick} compares 100 with 1,000 reloads.
 */
public final class MemoryBenchmark {

    private static final long MAX_GROWTH_BYTES = 1024 * 1024;

    private MemoryBenchmark() {
    }

    /** Runs the benchmark and prints its result line. */
    public static void main(String[] args) {
        run(BenchEnv.fromSystemProperties()).print();
    }

    static Result run(BenchEnv env) {
        int early = 100;
        int late = env.samples(1_000, 10_000);
        Path dir = BenchEnv.tempDir("memory");
        Path config = Configs.write(dir.resolve(Configs.MAIN), Configs.small(0));
        try (Host host = Host.serve(env, config, List.of(env.javaagent("events=false,poll=0,delay=0")));
             ControlSocket control = ControlSocket.of(env, awaitActive(host))) {
            Jcmd jcmd = new Jcmd(env, host.pid());
            reload(control, config, 1, early);
            long heapEarly = jcmd.heapAfterFullGc();
            List<String> threadsEarly = jcmd.threadNames();
            reload(control, config, early + 1, late);
            long heapLate = jcmd.heapAfterFullGc();
            List<String> threadsLate = jcmd.threadNames();
            long growth = heapLate - heapEarly;
            List<String> added = new ArrayList<>(threadsLate);
            threadsEarly.forEach(added::remove);
            List<String> gone = new ArrayList<>(threadsEarly);
            threadsLate.forEach(gone::remove);
            boolean sameThreads = added.isEmpty() && gone.isEmpty();
            String measured = String.format(Locale.ROOT, "heap after full GC %.2f MB after %d reloads, %.2f MB after"
                    + " %,d: %+.0f KB; Java threads %d and %d%s", heapEarly / 1048576.0, early, heapLate / 1048576.0,
                    late, growth / 1024.0, threadsEarly.size(), threadsLate.size(),
                    sameThreads ? " (the same)" : " (new: " + added + ", gone: " + gone + ")");
            return new Result("memory over reloads", "growth ≤ 1 MB from 100 to 10,000 reloads; threads constant",
                    measured, growth <= MAX_GROWTH_BYTES && sameThreads);
        }
    }

    private static Host awaitActive(Host host) {
        host.awaitLine("Development Mode Active");
        return host;
    }

    /**
     * Saves revisions {@code from..to}, each followed by a {@code reload} that returns once the revision is live and
     * applied (or says it already is: generation 1 is the start, revision N is generation N + 1).
     */
    private static void reload(ControlSocket control, Path config, int from, int to) {
        for (int revision = from; revision <= to; revision++) {
            Configs.write(config, Configs.small(revision));
            String reply = control.call("reload");
            if (!reply.contains("\"success\":true") || !reply.contains("\"generation\":" + (revision + 1) + ",")) {
                throw new IllegalStateException("revision " + revision + " did not go live: " + reply);
            }
        }
    }
}
