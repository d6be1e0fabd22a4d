package dev.aiq.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
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
 * {@code POST /generate} back to back over kept-alive connections (each request in one write, Nagle off on
 * both ends), while phases alternate every few seconds between
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
        // The JDK's HTTP server writes a response's head and body apart with Nagle's algorithm on: every response
        // would wait ~40 ms for the client's delayed ACK, and the test would measure TCP instead of the host.
        List<String> jvmArgs = List.of(env.javaagent("delay=0"), "-Dsun.net.httpserver.nodelay=true");
        try (Host host = Host.serve(env, config, jvmArgs)) {
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
        final int port;
        final List<Thread> threads = new ArrayList<>();
        volatile int phase = WARM_UP;
        volatile boolean running = true;
        volatile String firstFailure;

        Load(int port) {
            this.port = port;
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

        /** One kept-alive connection per client; a failed request costs the connection, the next one opens anew. */
        private void sendUntilStopped() {
            KeptAlive connection = null;
            while (running) {
                int counted = phase;
                try {
                    if (connection == null) {
                        connection = new KeptAlive(port);
                    }
                    int status = connection.post(BODY);
                    if (status == 200) {
                        ok[counted].increment();
                    } else {
                        fail(counted, "HTTP " + status);
                    }
                } catch (IOException | RuntimeException e) {
                    fail(counted, e.toString());
                    connection = close(connection);
                }
            }
            close(connection);
        }

        private static KeptAlive close(KeptAlive connection) {
            if (connection != null) {
                connection.close();
            }
            return null;
        }

        private void fail(int counted, String why) {
            failed[counted].increment();
            if (firstFailure == null) {
                firstFailure = why;
            }
        }
    }

    /**
     * A minimal HTTP/1.1 client on one kept-alive socket: each request leaves in one write, with Nagle's algorithm
     * off, so that no request waits for a delayed ACK (HttpURLConnection writes headers and body apart, and on
     * Linux each request then stalls about 40 ms: the load would measure TCP, not the host).
     */
    private static final class KeptAlive {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final byte[] head;

        KeptAlive(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            head = ("POST /generate HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json"
                    + "\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
        }

        /** Sends one request and reads its whole response; returns the status. */
        int post(byte[] body) throws IOException {
            byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] request = new byte[head.length + length.length + body.length];
            System.arraycopy(head, 0, request, 0, head.length);
            System.arraycopy(length, 0, request, head.length, length.length);
            System.arraycopy(body, 0, request, head.length + length.length, body.length);
            out.write(request);
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            int contentLength = -1;
            for (String header = line(); !header.isEmpty(); header = line()) {
                if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    contentLength = Integer.parseInt(header.substring(15).trim());
                }
            }
            if (contentLength < 0) {
                throw new IOException("no Content-Length in the response");
            }
            in.readNBytes(contentLength);
            return status;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("the connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing after a failure: nothing more to learn
            }
        }
    }
}
