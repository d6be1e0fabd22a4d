package dev.aiq.sample.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Internal. Counts the requests one server is handling, so that it is stopped only once they have finished. */
final class InFlight {

    private int count;

    synchronized void enter() {
        count++;
    }

    synchronized void exit() {
        count--;
        if (count == 0) {
            notifyAll();
        }
    }

    /**
     * Waits until no request is in flight, or {@code timeout} has passed.
     *
     * @return true if none is in flight
     */
    synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
