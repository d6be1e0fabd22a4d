package dev.aiq.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * HTTP under reloads: the sample host runs under the agent ({@code delay=0}); {@value #CLIENTS} client threads send
 * {@code POST /generate} back to back over kept-alive connections, while phases alternate every few seconds between
 * "no reloads" and "a new revision of the config saved every 100 ms". Every response that is not 200, and every
 * request that fails, counts as a failure; throughput is compared between the two kinds of phase, which alternate so
 * that both see the same machine load.
 *
 * <p>Run: {@code benchmarks/run http-load} (or {@code java -cp benchmarks/target/benchmarks.jar
 * dev.aiq.bench.HttpLoadBenchmark} from the repository root). Target: 0 failures, throughput during reloads ≥ 95 %
 * of the baseline over 30 s of each.
 */
public final class HttpLoadBenchmark {

    private static final int CLIENTS = 4;
    private static final byte[] BODY = "{\"input_message\": \"What time is it?\"}".getBytes(StandardCharsets.UTF_8);
    private static final int WARM_UP = 0;
    private static final int BASELINE = 1;
    private static final int RELOADING = 2;

    private HttpLoadBenchmark() {
    }

    /** Runs the benchmark and prints its result line. */
    public static void main(String[] args) {
        run(BenchEnv.fromSystemProperties()).print();
    }

    static Result run(BenchEnv env) {
        int pairs = env.samples(2, 6);
        long segmentMillis = env.samples(2_000, 5_000);
        Path dir = BenchEnv.tempDir("load");
        Path config = Configs.write(dir.resolve(Configs.MAIN), Configs.small(0));
        try (Host host = Host.serve(env, config, List.of(env.javaagent("delay=0")))) {
            host.awaitLine("Development Mode Active");
            int port = host.port();
            Health health = new Health(port);
            Load load = new Load(port);
            load.start();
            ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger revision = new AtomicInteger();
            try {
                sleep(env.samples(1_000, 3_000));
                long reloadsBefore = 0;
                long reloads = 0;
                for (int pair = 0; pair < pairs; pair++) {
                    load.phase(BASELINE);
                    sleep(segmentMillis);
                    reloadsBefore = health.generation();
                    ScheduledFuture<?> saving = saver.scheduleAtFixedRate(
                            () -> Configs.write(config, Configs.small(revision.incrementAndGet())),
                            0, 100, TimeUnit.MILLISECONDS);
                    load.phase(RELOADING);
                    sleep(segmentMillis);
                    saving.cancel(false);
                    load.phase(WARM_UP);
                    sleep(300); // the last reload settles outside any measured phase
                    reloads += health.generation() - reloadsBefore;
                }
                load.stop();
                double seconds = pairs * segmentMillis / 1000.0;
                double baseline = load.ok[BASELINE].sum() / seconds;
                double reloading = load.ok[RELOADING].sum() / seconds;
                long failures = load.failed[BASELINE].sum() + load.failed[RELOADING].sum() + load.failed[WARM_UP].sum();
                double ratio = reloading / baseline;
                String measured = String.format(Locale.ROOT, "%d failed; %.0f req/s during reloads vs %.0f baseline"
                        + " (%.1f %%), %d reloads in %.0f s of each, %d clients%s", failures, reloading, baseline,
                        100 * ratio, reloads, seconds, CLIENTS, load.firstFailure == null ? ""
                                : "; first failure: " + load.firstFailure);
                return new Result("HTTP load during reloads", "0 failed, ≥ 95 % of baseline throughput", measured,
                        failures == 0 && ratio >= 0.95);
            } finally {
                saver.shutdownNow();
                load.stop();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The client threads and what they counted, per phase. */
    private static final class Load {
        final LongAdder[] ok = {new LongAdder(), new LongAdder(), new LongAdder()};
        final LongAdder[] failed = {new LongAdder(), new LongAdder(), new LongAdder()};
        final URL url;
        final List<Thread> threads = new ArrayList<>();
        volatile int phase = WARM_UP;
        volatile boolean running = true;
        volatile String firstFailure;

        Load(int port) {
            try {
                url = URI.create("http://127.0.0.1:" + port + "/generate").toURL();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        void start() {
            for (int i = 0; i < CLIENTS; i++) {
                Thread client = new Thread(this::sendUntilStopped, "load-" + i);
                client.setDaemon(true);
                threads.add(client);
                client.start();
            }
        }

        void phase(int next) {
            phase = next;
        }

        void stop() {
            running = false;
            for (Thread client : threads) {
                try {
                    client.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void sendUntilStopped() {
            while (running) {
                int counted = phase;
                try {
                    int status = send();
                    if (status == 200) {
                        ok[counted].increment();
                    } else {
                        fail(counted, "HTTP " + status);
                    }
                } catch (IOException | RuntimeException e) {
                    fail(counted, e.toString());
                }
            }
        }

        private int send() throws IOException {
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(30_000);
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setFixedLengthStreamingMode(BODY.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(BODY);
            }
            int status = connection.getResponseCode();
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            return status;
        }

        private void fail(int counted, String why) {
            failed[counted].increment();
            if (firstFailure == null) {
                firstFailure = why;
            }
        }
    }
}
