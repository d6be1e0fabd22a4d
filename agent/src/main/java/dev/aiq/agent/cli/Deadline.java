package dev.aiq.agent.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A call through the Attach API with a time-out: the JDK's own calls block on the target's answer for as long as it
 * takes, and a JVM that hangs or stops mid-way must not hang the CLI. The call runs on a daemon thread that is left
 * behind when time runs out. Internal.
 */
final class Deadline {

    private Deadline() {
    }

    /** The time ran out; the message says what did not finish. */
    static final class Expired extends Exception {

        private static final long serialVersionUID = 1L;

        Expired(String message) {
            super(message);
        }
    }

    /**
     * Runs {@code call} and returns its result, or throws what it threw.
     *
     * @param what what the call does, for the message: {@code attach to 4242 (com.acme.App)}
     * @throws Expired when it does not finish within {@code timeout}
     */
    static <T> T run(Duration timeout, String what, Callable<T> call) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "aiq-dev-attach");
        thread.setDaemon(true);
        thread.start();
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Expired("could not " + what + " within " + timeout.toSeconds() + " s; the process does not "
                    + "answer (stopped, or too busy?)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception failure) {
                throw failure;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Expired("interrupted while waiting to " + what);
        }
    }
}
