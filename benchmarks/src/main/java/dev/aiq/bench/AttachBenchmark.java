package dev.aiq.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Attach → active, side by side with the floor of any Java client: each round starts two fresh sample hosts without
 * the agent; {@link YardstickAttach} (attach, load a trivial agent, read a property back, in its own JVM) goes into
 * one, {@code java -jar aiq-dev.jar attach PID} (which returns once the control socket confirms that a config is
 * live) into the other, in alternating order. The wall time of each command is one sample. The CLI runs with
 * {@code -Daiq.dev.timing=true} and says when each step ended, which gives the breakdown: the CLI's JVM start to its
 * {@code main}, attach, agent load (until {@code agentmain} returned), pipeline start in the target (until the
 * control socket is published), confirmation (the status reply), and the exit. A third variant runs the
 * {@code aiq-dev} launcher the build writes next to the jar, which gives the CLI an AppCDS archive of its classes
 * (made by one unmeasured attach first: {@code -XX:ArchiveClassesAtExit} on JDK 17 and 18,
 * {@code -XX:+AutoCreateSharedArchive} from JDK 19), in a cache directory of this run.
 *
 * <p>Run: {@code benchmarks/run attach}. Target: median ≤ 2× the yardstick's median.
 */
public final class AttachBenchmark {

    private static final String TARGET = "≤ 2× the plain Attach API client (median)";
    private static final Pattern TIMING = Pattern.compile("aiq-dev timing:(.*)");
    private static final List<String> STEPS = List.of("main", "command", "parsed", "located", "attached", "loaded",
            "socket", "confirmed");
    private static final Map<String, String> STEP_NAMES = Map.of("main", "CLI JVM start to main", "command",
            "picocli", "parsed", "options checked", "located", "JVM located", "attached", "attach", "loaded",
            "agent load", "socket", "pipeline start in the target", "confirmed", "confirmation");

    private AttachBenchmark() {
    }

    /** Runs the benchmark and prints its result lines. */
    public static void main(String[] args) {
        run(BenchEnv.fromSystemProperties()).forEach(Result::print);
    }

    static List<Result> run(BenchEnv env) {
        Path dir = BenchEnv.tempDir("attach");
        Path config = Configs.write(dir.resolve(Configs.MAIN), Configs.small(1));
        Path trivialAgent = YardstickAttach.agentJar(dir);
        int runs = env.samples(3, 9);
        List<String> hostArgs = env.javaFeatureVersion() >= 21 ? List.of("-XX:+EnableDynamicAgentLoading") : List.of();
        Samples aiqDev = new Samples();
        Samples withCds = new Samples();
        Samples yardstick = new Samples();
        Path launcher = env.agentJar().resolveSibling("aiq-dev");
        Map<String, String> launcherEnv = Map.of("JAVA_HOME", env.javaHome().toString(), "XDG_CACHE_HOME",
                dir.resolve("cache").toString());
        try (Host host = Host.serve(env, config, hostArgs)) {
            host.port();
            // the first use makes the archive
            run(List.of(launcher.toString(), "attach", Long.toString(host.pid())), "aiq-dev active in", host,
                    launcherEnv);
        }
        Map<String, Samples> steps = new LinkedHashMap<>();
        STEPS.forEach(step -> steps.put(step, new Samples()));
        steps.put("exit", new Samples());
        for (int i = 0; i < runs; i++) {
            for (int variant : i % 2 == 0 ? new int[] {0, 1, 2} : new int[] {2, 1, 0}) {
                try (Host host = Host.serve(env, config, hostArgs)) {
                    host.port();
                    if (variant == 0) {
                        yardstick.add(run(yardstickCommand(env, host, trivialAgent), "loaded: hello", host).millis());
                    } else if (variant == 2) {
                        withCds.add(run(List.of(launcher.toString(), "attach", Long.toString(host.pid())),
                                "aiq-dev active in", host, launcherEnv).millis());
                    } else {
                        Run run = run(List.of(env.java(), "-Daiq.dev.timing=true", "-jar", env.agentJar().toString(),
                                "attach", Long.toString(host.pid())), "aiq-dev active in", host);
                        aiqDev.add(run.millis());
                        addSteps(run, steps);
                    }
                }
            }
        }
        double ratio = aiqDev.median() / yardstick.median();
        double cdsRatio = withCds.median() / yardstick.median();
        List<String> breakdown = new ArrayList<>();
        steps.forEach((step, samples) -> breakdown.add(STEP_NAMES.getOrDefault(step, step) + " "
                + Samples.ms(samples.median())));
        return List.of(
                new Result("attach → active", TARGET, String.format(Locale.ROOT,
                        "median %s vs %s for the plain client: %.1f× (aiq-dev min %s, max %s; n=%d each, the "
                                + "CLI's own JVM start included)", Samples.ms(aiqDev.median()),
                        Samples.ms(yardstick.median()), ratio, Samples.ms(aiqDev.percentile(0.0001)),
                        Samples.ms(aiqDev.percentile(100)), aiqDev.size()), ratio <= 2.0),
                new Result("attach → active, with the `aiq-dev` launcher (AppCDS)", TARGET,
                        String.format(Locale.ROOT, "median %s vs %s: %.1f× (n=%d; the launcher's archive made on "
                                + "first use)", Samples.ms(withCds.median()),
                                Samples.ms(yardstick.median()), cdsRatio, withCds.size()), cdsRatio <= 2.0),
                new Result("attach breakdown", "(where the time goes, medians)", String.join(", ", breakdown), true));
    }

    private static List<String> yardstickCommand(BenchEnv env, Host host, Path trivialAgent) {
        return List.of(env.java(), "-cp", ownJar().toString(), YardstickAttach.class.getName(),
                Long.toString(host.pid()), trivialAgent.toString());
    }

    /** One command's run: its wall time, its output, and the nanoTime at which it was started. */
    private record Run(long startedNanos, long finishedNanos, String output) {
        double millis() {
            return (finishedNanos - startedNanos) / 1e6;
        }
    }

    private static void addSteps(Run run, Map<String, Samples> steps) {
        Matcher timing = TIMING.matcher(run.output());
        if (!timing.find()) {
            throw new IllegalStateException("aiq-dev printed no timing: " + run.output());
        }
        Map<String, Long> marks = new HashMap<>();
        for (String pair : timing.group(1).trim().split(" ")) {
            String[] parts = pair.split("=");
            marks.put(parts[0], Long.parseLong(parts[1]));
        }
        long previous = run.startedNanos();
        for (String step : STEPS) {
            Long at = marks.get(step);
            if (at != null) {
                steps.get(step).addNanos(previous, at);
                previous = at;
            }
        }
        steps.get("exit").addNanos(previous, run.finishedNanos());
    }

    private static Run run(List<String> command, String success, Host host) {
        return run(command, success, host, Map.of());
    }

    /** Runs {@code command} (with {@code environment} added) to its end, checks its output shows {@code success}. */
    private static Run run(List<String> command, String success, Host host, Map<String, String> environment) {
        try {
            long started = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process cli = builder.start();
            String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!cli.waitFor(Host.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                cli.destroyForcibly();
                throw new IllegalStateException(command + " did not finish: " + output);
            }
            long finished = System.nanoTime();
            if (cli.exitValue() != 0 || !output.contains(success)) {
                throw new IllegalStateException(command + " failed (exit " + cli.exitValue() + "): " + output
                        + "\nhost printed:\n" + String.join("\n", host.texts()));
            }
            return new Run(started, finished, output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The jar (or classes directory) this benchmark runs from: the yardstick client's class path. */
    static Path ownJar() {
        try {
            return Path.of(AttachBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
