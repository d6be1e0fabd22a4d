package dev.aiq.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks and writes the results table between the {@code results} markers of a Markdown file
 * (by default {@code docs/performance.md}), with the JDK, the machine and the date. What {@code benchmarks/run}
 * starts.
 *
 * <p>Run: {@code benchmarks/run [--quick] [NAME...]}; names: {@code provider-read}, {@code save-to-live},
 * {@code startup}, {@code attach}, {@code memory}, {@code idle}, {@code http-load}, {@code size}. Without names all
 * run. Options: {@code --out FILE} writes the table elsewhere; {@code --quick} (few samples: a smoke pass, not a
 * measurement) writes to {@code benchmarks/target/performance-quick.md} unless {@code --out} says otherwise.
 */
public final class PerformanceReport {

    private static final String BEGIN = "<!-- results:begin (written by benchmarks/run) -->";
    private static final String END = "<!-- results:end -->";

    private PerformanceReport() {
    }

    /** Runs what {@code args} names and writes the table; exits 1 if a benchmark could not run. */
    public static void main(String[] args) throws IOException {
        List<String> names = new ArrayList<>();
        Path out = null;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(args[++i]);
                default -> names.add(args[i]);
            }
        }
        if (quick) {
            System.setProperty("bench.quick", "true");
        }
        BenchEnv env = BenchEnv.fromSystemProperties();
        Map<String, Function<BenchEnv, List<dev.aiq.bench.Result>>> all = benchmarks();
        if (names.isEmpty()) {
            names.addAll(all.keySet());
        }
        String loadBefore = loadAverage();
        List<dev.aiq.bench.Result> results = new ArrayList<>();
        boolean complete = true;
        for (String name : names) {
            Function<BenchEnv, List<dev.aiq.bench.Result>> benchmark = all.get(name);
            if (benchmark == null) {
                System.err.println("unknown benchmark '" + name + "'; known: " + all.keySet());
                System.exit(2);
            }
            System.out.println("== " + name);
            try {
                for (dev.aiq.bench.Result result : benchmark.apply(env)) {
                    result.print();
                    results.add(result);
                }
            } catch (RuntimeException e) {
                complete = false;
                System.err.println(name + " could not run: " + e);
                e.printStackTrace();
                results.add(new dev.aiq.bench.Result(name, "", "could not run: " + e.getMessage(), false));
            }
        }
        Path target = out != null ? out : Path.of(quick ? "benchmarks/target/performance-quick.md" : "docs/performance.md");
        write(target, table(env, results, quick, loadBefore, loadAverage()));
        System.out.println("wrote " + target.toAbsolutePath());
        if (!complete) {
            System.exit(1);
        }
    }

    private static Map<String, Function<BenchEnv, List<dev.aiq.bench.Result>>> benchmarks() {
        Map<String, Function<BenchEnv, List<dev.aiq.bench.Result>>> all = new LinkedHashMap<>();
        all.put("provider-read", env -> List.of(providerRead(env)));
        all.put("save-to-live", env -> Arrays.stream(SaveToLiveBenchmark.Mode.values())
                .map(mode -> SaveToLiveBenchmark.run(env, mode)).toList());
        all.put("startup", env -> List.of(StartupBenchmark.run(env)));
        all.put("attach", env -> List.of(AttachBenchmark.run(env)));
        all.put("memory", env -> List.of(MemoryBenchmark.run(env)));
        all.put("idle", env -> List.of(IdleCpuBenchmark.run(env)));
        all.put("http-load", env -> List.of(HttpLoadBenchmark.run(env)));
        all.put("size", env -> List.of(ConfigSizeBenchmark.run(env)));
        return all;
    }

    /** Runs {@link ProviderReadBenchmark} through JMH with the GC profiler and compares the two reads. */
    static dev.aiq.bench.Result providerRead(BenchEnv env) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(ProviderReadBenchmark.class.getName())
                .jvm(env.java())
                .jvmArgsAppend(env.javaagent(""))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true);
        if (env.quick()) {
            options.forks(1).warmupIterations(2).warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(3).measurementTime(TimeValue.milliseconds(500));
        }
        Collection<RunResult> runs;
        try {
            runs = new Runner(options.build()).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed: " + e.getMessage(), e);
        }
        double plain = Double.NaN;
        double provider = Double.NaN;
        double allocated = Double.NaN;
        for (RunResult run : runs) {
            String kind = run.getParams().getParam("kind");
            double score = run.getPrimaryResult().getScore();
            if (ProviderReadBenchmark.ReadKind.PLAIN_VOLATILE_FIELD.name().equals(kind)) {
                plain = score;
            } else {
                provider = score;
                Result<?> norm = run.getSecondaryResults().get("gc.alloc.rate.norm");
                allocated = norm == null ? Double.NaN : norm.getScore();
            }
        }
        double added = provider - plain;
        String measured = String.format(Locale.ROOT, "%+.2f ns/op (%.2f provider vs %.2f plain volatile read),"
                + " %.3f B/op", added, provider, plain, allocated);
        // JMH's own bookkeeping per iteration shows up as a fraction of a byte per op: a read that allocated
        // anything would show at least 16 B/op
        return new dev.aiq.bench.Result("provider read after instrumentation", "≤ +1 ns/op, 0 B/op", measured,
                added <= 1.0 && allocated < 1);
    }

    private static String table(BenchEnv env, List<dev.aiq.bench.Result> results, boolean quick, String loadBefore,
            String loadAfter) {
        StringBuilder b = new StringBuilder(BEGIN).append("\n\n");
        b.append(quick ? "**Quick smoke pass: too few samples to be a measurement.**\n\n" : "");
        b.append("| metric | target | measured | result |\n|---|---|---|---|\n");
        for (dev.aiq.bench.Result r : results) {
            b.append("| ").append(r.metric()).append(" | ").append(r.target()).append(" | ")
                    .append(r.measured().replace("|", "\\|")).append(" | ").append(r.pass() ? "pass" : "**FAIL**")
                    .append(" |\n");
        }
        b.append("\n- JDK: ").append(jdk(env)).append('\n');
        b.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores (nproc), ")
                .append(cpuModel()).append(", load average ").append(loadBefore).append(" before and ")
                .append(loadAfter).append(" after the run\n");
        b.append("- Date: ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE))
                .append(", ").append(quick ? "`benchmarks/run --quick`" : "`benchmarks/run`").append("\n\n");
        return b.append(END).toString();
    }

    /** Replaces the text between the markers of {@code file}, or the whole file if it has none. */
    private static void write(Path file, String results) {
        try {
            String text = Files.isRegularFile(file) ? Files.readString(file) : "";
            int begin = text.indexOf(BEGIN);
            int end = text.indexOf(END);
            String updated = begin >= 0 && end > begin
                    ? text.substring(0, begin) + results + text.substring(end + END.length())
                    : "# Performance\n\n" + results + "\n";
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, updated, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jdk(BenchEnv env) {
        Properties release = new Properties();
        try {
            release.load(Files.newBufferedReader(env.javaHome().resolve("release")));
        } catch (IOException e) {
            return env.javaHome().toString();
        }
        return (release.getProperty("IMPLEMENTOR", "") + " " + release.getProperty("JAVA_RUNTIME_VERSION",
                release.getProperty("JAVA_VERSION", "?"))).replace("\"", "").trim();
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (IOException | RuntimeException unreadable) {
            return "?";
        }
    }
}
