package dev.starprobe.net;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Politeness for one device (or the whole scan): at most {@code maxInFlight} connections open at
 * once, and new connections no faster than {@code perSecond} and no closer than {@code minGap}.
 * Waiters are served in arrival order without blocking a thread.
 */
public final class ConnectionLimiter {
    private final int maxInFlight;
    private final long intervalNanos;
    private final ScheduledExecutorService timer;
    private final LongSupplier nanoClock;
    private final ArrayDeque<CompletableFuture<Permit>> waiters = new ArrayDeque<>();
    private int inFlight;
    private long nextStartNanos;
    private boolean drainScheduled;
    private long granted;

    /**
     * @param perSecond new connections per second; 0 or less for no rate limit
     * @param minGapNanos minimum delay between two connection starts
     */
    public ConnectionLimiter(int maxInFlight, double perSecond, long minGapNanos, ScheduledExecutorService timer) {
        this(maxInFlight, perSecond, minGapNanos, timer, System::nanoTime);
    }

    ConnectionLimiter(int maxInFlight, double perSecond, long minGapNanos, ScheduledExecutorService timer,
                      LongSupplier nanoClock) {
        if (maxInFlight < 1) throw new IllegalArgumentException("maxInFlight must be >= 1");
        this.maxInFlight = maxInFlight;
        long byRate = perSecond > 0 ? (long) (1_000_000_000L / perSecond) : 0;
        this.intervalNanos = Math.max(byRate, Math.max(0, minGapNanos));
        this.timer = timer;
        this.nanoClock = nanoClock;
        this.nextStartNanos = nanoClock.getAsLong();
    }

    /** A slot to open one connection; release it exactly once when the connection is closed. */
    public CompletionStage<Permit> acquire() {
        CompletableFuture<Permit> f = new CompletableFuture<>();
        synchronized (this) {
            waiters.add(f);
        }
        drain();
        return f;
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    public synchronized long granted() {
        return granted;
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    private void drain() {
        while (true) {
            CompletableFuture<Permit> next;
            synchronized (this) {
                if (waiters.isEmpty() || inFlight >= maxInFlight) return;
                long now = nanoClock.getAsLong();
                if (now < nextStartNanos) {
                    if (!drainScheduled) {
                        drainScheduled = true;
                        try {
                            timer.schedule(this::scheduledDrain, nextStartNanos - now, TimeUnit.NANOSECONDS);
                        } catch (java.util.concurrent.RejectedExecutionException e) {
                            // the runtime shut down: a connect that ends afterwards has nobody left to wake
                            return;
                        }
                    }
                    return;
                }
                next = waiters.poll();
                if (next.isDone()) continue; // cancelled by its owner
                inFlight++;
                granted++;
                nextStartNanos = Math.max(now, nextStartNanos) + intervalNanos;
            }
            if (!next.complete(new Permit(this))) {
                release(); // cancelled between poll and complete
            }
        }
    }

    private void scheduledDrain() {
        synchronized (this) {
            drainScheduled = false;
        }
        drain();
    }

    private void release() {
        synchronized (this) {
            inFlight--;
        }
        drain();
    }

    /** Returned by {@link #acquire()}; idempotent release. */
    public static final class Permit implements AutoCloseable {
        private final ConnectionLimiter owner;
        private boolean released;

        private Permit(ConnectionLimiter owner) {
            this.owner = owner;
        }

        @Override
        public void close() {
            synchronized (this) {
                if (released) return;
                released = true;
            }
            owner.release();
        }
    }
}
