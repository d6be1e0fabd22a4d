package dev.aiq.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reload time against config size: for each {@link Shape} the sample host starts under the agent ({@code delay=0})
 * with a config of that size, then the benchmark saves new revisions of its main file (only the temperature
 * changes, so every file is read, parsed and bound again) and takes the median save → live time, and the stage
 * times the agent prints ({@code read}, {@code validate}, {@code apply}).
 *
 * <p>Run: {@code benchmarks/run size} (or {@code java -cp benchmarks/target/benchmarks.jar
 * dev.aiq.bench.ConfigSizeBenchmark} from the repository root). Target: time grows linearly with size; 1 MB over
 * 100 included files ≤ 100 ms.
 */
public final class ConfigSizeBenchmark {

    private static final Pattern TIMINGS = Pattern.compile("read ([0-9.]+) ms, validate ([0-9.]+) ms, apply ([0-9.]+) ms");

    /** A config's total size and how many files it includes. */
    enum Shape {
        KB_10(10 * 1024, 0),
        KB_100(100 * 1024, 0),
        MB_1(1024 * 1024, 0),
        MB_1_INCLUDES_1(1024 * 1024, 1),
        MB_1_INCLUDES_10(1024 * 1024, 10),
        MB_1_INCLUDES_100(1024 * 1024, 100);

        final int bytes;
        final int includes;

        Shape(int bytes, int includes) {
            this.bytes = bytes;
            this.includes = includes;
        }

        String label() {
            String size = bytes >= 1024 * 1024 ? bytes / (1024 * 1024) + " MB" : bytes / 1024 + " KB";
            return includes == 0 ? size : size + " / " + includes + (includes == 1 ? " include" : " includes");
        }
    }

    private ConfigSizeBenchmark() {
    }

    /** Runs the benchmark and prints its result line. */
    public static void main(String[] args) {
        run(BenchEnv.fromSystemProperties()).print();
    }

    static Result run(BenchEnv env) {
        int count = env.samples(3, 15);
        List<String> parts = new ArrayList<>();
        double[] medians = new double[Shape.values().length];
        for (Shape shape : Shape.values()) {
            Samples saveToLive = new Samples();
            Samples stages = new Samples();
            measure(env, shape, count, saveToLive, stages);
            medians[shape.ordinal()] = saveToLive.median();
            parts.add(String.format(Locale.ROOT, "%s %s (stages %s)", shape.label(), Samples.ms(saveToLive.median()),
                    Samples.ms(stages.median())));
        }
        double tenfold = medians[Shape.MB_1.ordinal()] / medians[Shape.KB_100.ordinal()];
        double largest = medians[Shape.MB_1_INCLUDES_100.ordinal()];
        // linear: ten times the bytes costs at most ten times the time (plus half again for the noise of a shared
        // machine), and a hundred files cost no more than twice one file of the same total size
        boolean linear = tenfold <= 15 && largest <= 2 * medians[Shape.MB_1_INCLUDES_1.ordinal()];
        String measured = String.join("; ", parts) + String.format(Locale.ROOT, "; 1 MB / 100 KB = %.1f×", tenfold);
        return new Result("reload time by size (save → live, median)", "linear; 1 MB + 100 includes ≤ 100 ms",
                measured, linear && largest <= 100);
    }

    /** Adds {@code count} save → live times and the agent's read + validate + apply times of one shape. */
    private static void measure(BenchEnv env, Shape shape, int count, Samples saveToLive, Samples stages) {
        Path dir = BenchEnv.tempDir("size");
        Path config = Configs.writeSized(dir, shape.bytes, shape.includes, 0);
        try (Host host = Host.serve(env, config, List.of(env.javaagent("delay=0"), "-Dsun.net.httpserver.nodelay=true"))) {
            host.awaitLine("Development Mode Active");
            Health health = new Health(host.port());
            String text = Configs.read(config);
            int warmUps = 3;
            for (int revision = 1; revision <= warmUps + count; revision++) {
                String next = Configs.withRevision(text, revision);
                long live = health.generation();
                int mark = host.mark();
                long saved = System.nanoTime();
                Configs.write(config, next);
                long seen = health.awaitGeneration(live + 1, 500);
                Host.Line done = host.awaitLineAfter(mark, "apply ");
                if (revision > warmUps) {
                    saveToLive.addNanos(saved, seen);
                    Matcher timings = TIMINGS.matcher(done.text());
                    if (timings.find()) {
                        stages.add(Double.parseDouble(timings.group(1)) + Double.parseDouble(timings.group(2))
                                + Double.parseDouble(timings.group(3)));
                    }
                }
                host.awaitLineAfter(mark, "Starting workflow with updated configuration");
            }
        }
    }
}
