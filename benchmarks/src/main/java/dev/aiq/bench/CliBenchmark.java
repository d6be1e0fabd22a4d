package dev.aiq.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The everyday commands end to end, each as its own {@code java -jar aiq-dev.jar …} process, the way a user types
 * them: {@code status}, {@code reload}, {@code set}, {@code history} against one sample host with dev mode active,
 * and {@code list} with five sample hosts running (one of them with dev mode). The commands take turns, so that load
 * from elsewhere falls on all of them alike. The wall time of each command is one sample.
 *
 * <p>Run: {@code benchmarks/run cli}. Target: median ≤ 300 ms each.
 */
public final class CliBenchmark {

    private static final double TARGET_MILLIS = 300;
    private static final int HOSTS = 5;

    private CliBenchmark() {
    }

    /** Runs the benchmark and prints its result lines. */
    public static void main(String[] args) {
        run(BenchEnv.fromSystemProperties()).forEach(Result::print);
    }

    static List<Result> run(BenchEnv env) {
        Path dir = BenchEnv.tempDir("cli");
        Path config = Configs.write(dir.resolve(Configs.MAIN), Configs.small(1));
        List<String> hostArgs = env.javaFeatureVersion() >= 21 ? List.of("-XX:+EnableDynamicAgentLoading") : List.of();
        List<Host> hosts = new ArrayList<>();
        try {
            for (int i = 0; i < HOSTS; i++) {
                hosts.add(Host.serve(env, config, hostArgs));
            }
            hosts.forEach(Host::port);
            String pid = Long.toString(hosts.get(0).pid());
            run(env, List.of("attach", pid, "--delay", "0"));
            Map<String, List<String>> commands = new LinkedHashMap<>();
            commands.put("status", List.of("status", pid));
            commands.put("reload", List.of("reload", pid));
            commands.put("set", List.of("set", pid, "llms.nim_llm.temperature", "0.5"));
            commands.put("history", List.of("history", pid));
            commands.put("list (" + HOSTS + " JVMs)", List.of("list"));
            Map<String, Samples> samples = new LinkedHashMap<>();
            commands.keySet().forEach(name -> samples.put(name, new Samples()));
            int runs = env.samples(3, 11);
            for (int i = 0; i < runs; i++) {
                for (Map.Entry<String, List<String>> command : commands.entrySet()) {
                    samples.get(command.getKey()).add(run(env, command.getValue()));
                }
            }
            List<Result> results = new ArrayList<>();
            samples.forEach((name, s) -> results.add(new Result("CLI " + name, "≤ 300 ms (median)",
                    String.format(Locale.ROOT, "median %s, min %s, max %s (n=%d, the CLI's own JVM start included)",
                            Samples.ms(s.median()), Samples.ms(s.percentile(0.0001)), Samples.ms(s.percentile(100)),
                            s.size()), s.median() <= TARGET_MILLIS)));
            return results;
        } finally {
            hosts.forEach(Host::close);
        }
    }

    /** Runs {@code aiq-dev args}, checks that it succeeded, and returns its wall time in milliseconds. */
    private static double run(BenchEnv env, List<String> args) {
        List<String> command = new ArrayList<>(List.of(env.java(), "-jar", env.agentJar().toString()));
        command.addAll(args);
        try {
            long started = System.nanoTime();
            Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!cli.waitFor(Host.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                cli.destroyForcibly();
                throw new IllegalStateException("aiq-dev " + args + " did not finish: " + output);
            }
            long finished = System.nanoTime();
            if (cli.exitValue() != 0) {
                throw new IllegalStateException("aiq-dev " + args + " failed (exit " + cli.exitValue() + "): "
                        + output);
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
