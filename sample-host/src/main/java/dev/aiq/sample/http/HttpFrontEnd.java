package dev.aiq.sample.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.aiq.sample.workflow.Workflow;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The HTTP front end: serves the live workflow on one address, and moves to another without dropping requests.
 *
 * <p>{@link #listenOn} binds the new address before it lets go of the old one, so a port that cannot be bound
 * leaves the front end serving where it was; requests in flight on the old server finish (up to a grace period)
 * before it stops. Thread-safe.
 */
public final class HttpFrontEnd implements AutoCloseable {

    private static final int THREADS = 16;

    private final HttpHandler api;
    private final Duration grace;
    private final ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
    private final CountDownLatch closed = new CountDownLatch(1);
    /** The server now listening, or null before the first {@link #listenOn} and after {@link #close}. */
    private Binding binding;

    /**
     * Creates a front end that is not listening yet.
     *
     * @param workflow   the live workflow, read once per request
     * @param generation the config generation {@code GET /health} reports
     * @param grace      how long a server that is being replaced may finish its requests
     */
    public HttpFrontEnd(Supplier<Workflow> workflow, LongSupplier generation, Duration grace) {
        this.api = new ApiHandler(workflow, generation);
        this.grace = grace;
    }

    /**
     * Listens on {@code host:port}, unless already listening there as asked (port 0 stays wherever it was bound).
     * The new address is bound first; only then does the old server stop.
     *
     * @param host the address to listen on, for example {@code 127.0.0.1}
     * @param port the port, 0 for any free one
     * @return true if a new server now listens, false if nothing changed
     * @throws IOException if the address cannot be bound; the old server, if any, keeps serving
     */
    public synchronized boolean listenOn(String host, int port) throws IOException {
        if (closed.getCount() == 0) {
            throw new IllegalStateException("the front end is closed");
        }
        if (binding != null && binding.host.equals(host) && binding.requestedPort == port) {
            return false;
        }
        Binding next = Binding.start(host, port, api, executor);
        Binding previous = binding;
        binding = next;
        if (previous != null) {
            previous.stop(grace);
        }
        return true;
    }

    /** Returns the port the front end listens on. */
    public synchronized int port() {
        return current().server.getAddress().getPort();
    }

    /** Returns the address to call, for example {@code http://127.0.0.1:8000}. */
    public synchronized String url() {
        String host = current().host;
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    /** Blocks until {@link #close()} has run. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /** Stops listening, letting requests in flight finish within the grace period. Idempotent. */
    @Override
    public synchronized void close() {
        if (binding != null) {
            binding.stop(grace);
            binding = null;
        }
        executor.shutdown();
        closed.countDown();
    }

    private Binding current() {
        if (binding == null) {
            throw new IllegalStateException("the front end is not listening");
        }
        return binding;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "sample-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One started server, the address it was asked for, and the requests it is handling. */
    private static final class Binding {
        private final HttpServer server;
        private final String host;
        private final int requestedPort;
        private final InFlight inFlight = new InFlight();

        private Binding(HttpServer server, String host, int requestedPort) {
            this.server = server;
            this.host = host;
            this.requestedPort = requestedPort;
        }

        static Binding start(String host, int port, HttpHandler api, ExecutorService executor) throws IOException {
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                throw new IOException("cannot resolve host '" + host + "'");
            }
            HttpServer server = HttpServer.create(address, 0);
            Binding binding = new Binding(server, host, port);
            server.createContext("/", binding.counting(api));
            server.setExecutor(executor);
            server.start();
            return binding;
        }

        private HttpHandler counting(HttpHandler handler) {
            return (HttpExchange exchange) -> {
                inFlight.enter();
                try {
                    handler.handle(exchange);
                } finally {
                    inFlight.exit();
                }
            };
        }

        /** Stops once the requests in flight have finished, or after {@code grace}, whichever comes first. */
        void stop(Duration grace) {
            try {
                inFlight.awaitIdle(grace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server.stop(0);
        }
    }
}
