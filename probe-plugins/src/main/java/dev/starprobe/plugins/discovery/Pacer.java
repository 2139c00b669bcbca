package dev.starprobe.plugins.discovery;

import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Spaces a sweep's packets at the rate the user chose: each call waits until its slot. A slot missed
 * while the caller was busy is not made up with a burst (at most one gap of catch-up). Blocking: only
 * for a discoverer's own blocking thread, never an event loop.
 */
final class Pacer {
    private final long gapNanos;
    private long next = System.nanoTime();

    Pacer(double packetsPerSecond) {
        if (!(packetsPerSecond > 0)) throw new IllegalArgumentException("packets per second must be > 0");
        this.gapNanos = (long) (1e9 / packetsPerSecond);
    }

    void awaitTurn() {
        long wait = next - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }
        next = Math.max(next, System.nanoTime() - gapNanos) + gapNanos;
    }
}
