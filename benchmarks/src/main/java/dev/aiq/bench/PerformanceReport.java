package dev.aiq.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Runs the benchmarks and writes the results table between the {@code results} markers of a Markdown file
 * (by default {@code docs/performance.md}), with the JDK, the machine and the date. What {@code benchmarks/run}
 * starts. A run of some benchmarks replaces only their rows ({@link ResultsTable}).
 *
 * <p>Run: {@code benchmarks/run [--quick] [NAME...]}; names: {@code provider-read}, {@code save-to-live},
 * {@code startup}, {@code attach}, {@code cli}, {@code memory}, {@code plugins}, {@code idle}, {@code http-load},
 * {@code size}. Without names all run. Options: {@code --out FILE} writes the table elsewhere; {@code --quick} (few
 * samples: a smoke pass, not a measurement) writes to {@code benchmarks/target/performance-quick.md} unless
 * {@code --out} says otherwise.
 */
public final class PerformanceReport {

    /** A benchmark the report can run: how its rows' metrics begin, and the run. */
    private record Benchmark(String rowPrefix, Function<BenchEnv, List<Result>> run) {
    }

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
        Map<String, Benchmark> all = benchmarks();
        boolean everything = names.isEmpty() || names.containsAll(all.keySet());
        if (names.isEmpty()) {
            names.addAll(all.keySet());
        }
        String loadBefore = loadAverage();
        Map<String, List<Result>> ran = new LinkedHashMap<>();
        boolean complete = true;
        for (String name : names) {
            Benchmark benchmark = all.get(name);
            if (benchmark == null) {
                System.err.println("unknown benchmark '" + name + "'; known: " + all.keySet());
                System.exit(2);
            }
            System.out.println("== " + name);
            List<Result> results = new ArrayList<>();
            try {
                for (Result result : benchmark.run().apply(env)) {
                    result.print();
                    results.add(result);
                }
            } catch (RuntimeException e) {
                complete = false;
                System.err.println(name + " could not run: " + e);
                e.printStackTrace();
                results.add(new Result(benchmark.rowPrefix(), "", "could not run: " + e.getMessage(), false));
            }
            ran.put(name, results);
        }
        Path target = out != null ? out : Path.of(quick ? "benchmarks/target/performance-quick.md" : "docs/performance.md");
        Map<String, String> rowPrefixes = new LinkedHashMap<>();
        all.forEach((name, benchmark) -> rowPrefixes.put(name, benchmark.rowPrefix()));
        List<ResultsTable.Part> parts = ResultsTable.parts(rowPrefixes, ran);
        String lead = quick ? "**Quick smoke pass: too few samples to be a measurement.**\n\n" : "";
        String machine = machine(env, loadBefore, loadAverage());
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE);
        String command = "`benchmarks/run" + (quick ? " --quick" : "") + (everything ? "" : " " + String.join(" ", names)) + "`";
        if (everything) {
            ResultsTable.write(target, ResultsTable.whole(parts.stream().filter(p -> p.results() != null).toList(),
                    lead, List.of("- JDK: " + jdk(env), "- Machine: " + machine, "- Date: " + date + ", " + command)));
        } else {
            ResultsTable.mergeInto(target, parts, lead, "- " + command + " re-measured its rows on " + date + ": JDK "
                    + jdk(env) + "; " + machine, "- " + command + " ");
        }
        System.out.println("wrote " + target.toAbsolutePath());
        if (!complete) {
            System.exit(1);
        }
    }

    /** Every benchmark in the order of the table. */
    private static Map<String, Benchmark> benchmarks() {
        Map<String, Benchmark> all = new LinkedHashMap<>();
        all.put("provider-read", new Benchmark("provider read", ProviderReadBenchmark::run));
        all.put("save-to-live", new Benchmark("save → live", env -> Arrays.stream(SaveToLiveBenchmark.Mode.values())
                .map(mode -> SaveToLiveBenchmark.run(env, mode)).toList()));
        all.put("startup", new Benchmark("start-up cost", env -> List.of(StartupBenchmark.run(env))));
        all.put("attach", new Benchmark("attach", AttachBenchmark::run));
        all.put("cli", new Benchmark("CLI", CliBenchmark::run));
        all.put("memory", new Benchmark("memory", env -> List.of(MemoryBenchmark.run(env))));
        all.put("plugins", new Benchmark("plugin reloads", env -> List.of(PluginReloadBenchmark.run(env))));
        all.put("idle", new Benchmark("idle CPU", env -> List.of(IdleCpuBenchmark.run(env))));
        all.put("http-load", new Benchmark("HTTP load", env -> List.of(HttpLoadBenchmark.run(env))));
        all.put("size", new Benchmark("reload time by size", env -> List.of(ConfigSizeBenchmark.run(env))));
        return all;
    }

    private static String machine(BenchEnv env, String loadBefore, String loadAfter) {
        return Runtime.getRuntime().availableProcessors() + " cores (nproc), " + cpuModel() + ", load average "
                + loadBefore + " before and " + loadAfter + " after the run";
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
