package dev.aiq.agent.ui;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Who may use the page: whoever holds the one-time token printed at start-up (in the URL's {@code ?token=}, then a
 * cookie), through a Host header naming this server (a DNS-rebinding page names its own host), and, for a request
 * that changes something, from this page's origin. Internal.
 */
final class Access {

    static final String COOKIE = "aiqdev_ui";

    private final String token;
    private final int port;

    private Access(String token, int port) {
        this.token = token;
        this.port = port;
    }

    /** A fresh random token for the server on {@code port}. */
    static Access forPort(int port) {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return new Access(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), port);
    }

    String token() {
        return token;
    }

    /** Whether the Host header names this server: 127.0.0.1 or localhost, on its port. */
    boolean hostAllowed(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        return host != null && (host.equals("127.0.0.1:" + port) || host.equals("localhost:" + port));
    }

    /** Whether the request carries the token as a query parameter ({@code ?token=...}, the first page only). */
    boolean tokenInQuery(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return false;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("token=") && same(pair.substring("token=".length()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the request carries the cookie set by the first page. */
    boolean cookieHeld(HttpExchange exchange) {
        List<String> headers = exchange.getRequestHeaders().get("Cookie");
        if (headers == null) {
            return false;
        }
        for (String header : headers) {
            for (String cookie : header.split(";")) {
                String c = cookie.strip();
                if (c.startsWith(COOKIE + "=") && same(c.substring(COOKIE.length() + 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a request that changes something comes from this page: an {@code Origin}, when the browser sends one,
     * must be this server's (a cookie alone would let another site's form post here).
     */
    boolean originAllowed(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        return origin == null || origin.equals("http://127.0.0.1:" + port) || origin.equals("http://localhost:" + port);
    }

    /** The Set-Cookie value that lets the page's later requests in. */
    String cookie() {
        return COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict";
    }

    private boolean same(String candidate) {
        // constant time: the token is the only secret between this server and every other local process
        return MessageDigest.isEqual(candidate.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }
}
