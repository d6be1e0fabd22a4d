package dev.aiq.agent.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The page's server: the JDK's HTTP server on 127.0.0.1, in the command line's process. Every request needs the
 * Host header of this server and the token (in the first page's URL, then as a cookie); no CORS header is ever sent,
 * so another site's script can neither read an answer nor, without the cookie, act. Internal.
 */
public final class UiServer implements AutoCloseable {

    private static final String ASSETS = "/dev/aiq/agent/ui/assets/";
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "html", "text/html; charset=utf-8");
    private static final String PAGE_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
            + " frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final HttpServer server;
    private final ExecutorService threads;
    private final Access access;

    private UiServer(HttpServer server, ExecutorService threads, Access access) {
        this.server = server;
        this.threads = threads;
        this.access = access;
    }

    /**
     * Whether this jar holds the page's editor bundle: a build on a machine without Node.js leaves it out (the rest
     * of the tool works the same).
     */
    public static boolean pageBuilt() {
        return UiServer.class.getResource(ASSETS + "app.js") != null;
    }

    /**
     * Starts serving {@code targets} on 127.0.0.1:{@code port} (0: a free port).
     *
     * @throws IOException when the port cannot be bound
     */
    public static UiServer start(UiTargets targets, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ExecutorService threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "aiq-dev-ui");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        Access access = Access.forPort(server.getAddress().getPort());
        UiServer ui = new UiServer(server, threads, access);
        Api api = new Api(targets);
        server.createContext("/", exchange -> ui.serve(exchange, api));
        server.start();
        return ui;
    }

    /** The address to open: with the one-time token, which the first page turns into a cookie. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/?token=" + access.token();
    }

    /** The port served. */
    public int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange, Api api) throws IOException {
        try {
            if (!access.hostAllowed(exchange)) {
                Exchanges.error(exchange, 403, "Host header must be 127.0.0.1:" + port() + " or localhost:" + port());
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/") && access.tokenInQuery(exchange)) {
                // the token leaves the address bar (and the history) at once; the cookie carries it from now on
                exchange.getResponseHeaders().add("Set-Cookie", access.cookie());
                exchange.getResponseHeaders().set("Location", "/");
                Exchanges.send(exchange, 303, "text/plain; charset=utf-8", new byte[0]);
                return;
            }
            if (!access.cookieHeld(exchange)) {
                Exchanges.send(exchange, 403, "text/plain; charset=utf-8",
                        "403: open the address aiq-dev ui printed (it holds the token)\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            boolean changes = exchange.getRequestMethod().equals("POST");
            if (changes && !access.originAllowed(exchange)) {
                Exchanges.error(exchange, 403, "cross-origin request refused");
                return;
            }
            if (path.equals("/")) {
                asset(exchange, "index.html");
            } else if (path.startsWith("/assets/")) {
                asset(exchange, path.substring("/assets/".length()));
            } else if (path.startsWith("/api/")) {
                api.handle(exchange, path.substring("/api/".length()));
            } else {
                Exchanges.error(exchange, 404, "no such page: " + path);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Exchanges.error(exchange, 500, String.valueOf(e.getMessage()));
            } catch (IOException | RuntimeException ignored) {
                // the answer had begun, or the browser left: nothing more to tell it
            }
        }
    }

    private void asset(HttpExchange exchange, String name) throws IOException {
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        InputStream in = name.matches("[a-z]+\\.[a-z]+") && type != null
                ? UiServer.class.getResourceAsStream(ASSETS + name) : null;
        if (in == null) {
            Exchanges.error(exchange, 404, "no such asset: " + name);
            return;
        }
        byte[] bytes;
        try (in) {
            bytes = in.readAllBytes();
        }
        exchange.getResponseHeaders().set("Content-Security-Policy", PAGE_POLICY);
        Exchanges.send(exchange, 200, type, bytes);
    }

    /** Stops serving; open streams end. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
