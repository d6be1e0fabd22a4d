package dev.aiq.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads the config generation a host reports on {@code GET /health}, over a kept-alive connection. Internal.
 */
final class Health {

    private static final String FIELD = "\"generation\":";

    private final URL url;

    Health(int port) {
        try {
            this.url = URI.create("http://127.0.0.1:" + port + "/health").toURL();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The generation the host reports now. */
    long generation() {
        try {
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(30_000);
            try (InputStream in = connection.getInputStream()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                int at = body.indexOf(FIELD);
                if (at < 0) {
                    throw new IllegalStateException("no generation in " + body);
                }
                int end = at + FIELD.length();
                while (end < body.length() && Character.isDigit(body.charAt(end))) {
                    end++;
                }
                return Long.parseLong(body.substring(at + FIELD.length(), end));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url + " failed", e);
        }
    }

    /**
     * Polls about every {@code pollMicros} until the generation is at least {@code wanted}.
     *
     * @return the {@link System#nanoTime()} of the first answer that reported it
     * @throws IllegalStateException after {@link Host#TIMEOUT}
     */
    long awaitGeneration(long wanted, long pollMicros) {
        long deadline = System.nanoTime() + Host.TIMEOUT.toNanos();
        while (true) {
            long generation = generation();
            long now = System.nanoTime();
            if (generation >= wanted) {
                return now;
            }
            if (now > deadline) {
                throw new IllegalStateException("generation " + generation + " never reached " + wanted);
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(pollMicros));
        }
    }
}
