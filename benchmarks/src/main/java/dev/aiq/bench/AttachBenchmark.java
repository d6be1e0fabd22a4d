package dev.aiq.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Attach → active: the sample host runs without the agent; {@code java -jar aiq-dev.jar attach PID} loads it, and
 * the wall time of that command, which returns once it has confirmed through the control socket that dev mode is
 * active, is one sample. A new host for every sample (a second attach would find dev mode already active).
 *
 * <p>Run: {@code benchmarks/run attach} (or {@code java -cp benchmarks/target/benchmarks.jar
 * dev.aiq.bench.AttachBenchmark} from the repository root). Target: median ≤ 1.0 s.
 */
public final class AttachBenchmark {

    private AttachBenchmark() {
    }

    /** Runs the benchmark and prints its result line. */
    public static void main(String[] args) {
        run(BenchEnv.fromSystemProperties()).print();
    }

    static Result run(BenchEnv env) {
        Path dir = BenchEnv.tempDir("attach");
        Path config = Configs.write(dir.resolve(Configs.MAIN), Configs.small(1));
        int runs = env.samples(2, 7);
        List<String> hostArgs = env.javaFeatureVersion() >= 21 ? List.of("-XX:+EnableDynamicAgentLoading") : List.of();
        Samples samples = new Samples();
        for (int i = 0; i < runs; i++) {
            try (Host host = Host.serve(env, config, hostArgs)) {
                host.port();
                samples.add(attach(env, host));
            }
        }
        double p50 = samples.median();
        return new Result("attach → active", "≤ 1.0 s (median)",
                String.format(Locale.ROOT, "median %s, min %s, max %s (n=%d, the CLI's own JVM start included)",
                        Samples.ms(p50), Samples.ms(samples.percentile(0.0001)), Samples.ms(samples.percentile(100)),
                        samples.size()), p50 <= 1_000);
    }

    /** Runs {@code aiq-dev attach PID}, checks that it confirmed dev mode active, and returns its wall time. */
    private static double attach(BenchEnv env, Host host) {
        List<String> command = new ArrayList<>(List.of(env.java(), "-jar", env.agentJar().toString(), "attach",
                Long.toString(host.pid())));
        try {
            long started = System.nanoTime();
            Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!cli.waitFor(Host.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                cli.destroyForcibly();
                throw new IllegalStateException("aiq-dev attach did not finish: " + output);
            }
            long finished = System.nanoTime();
            if (cli.exitValue() != 0 || !output.contains("aiq-dev active in")) {
                throw new IllegalStateException("aiq-dev attach failed (exit " + cli.exitValue() + "): " + output
                        + "\nhost printed:\n" + String.join("\n", host.texts()));
            }
            return (finished - started) / 1e6;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
