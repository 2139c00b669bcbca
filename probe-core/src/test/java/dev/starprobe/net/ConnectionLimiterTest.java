package dev.starprobe.net;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionLimiterTest {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void neverGrantsMoreThanMaxInFlight() {
        ConnectionLimiter l = new ConnectionLimiter(2, 0, 0, timer);
        var a = l.acquire().toCompletableFuture();
        var b = l.acquire().toCompletableFuture();
        var c = l.acquire().toCompletableFuture();
        assertTrue(a.isDone() && b.isDone());
        assertFalse(c.isDone());
        assertEquals(2, l.inFlight());
        a.join().close();
        assertTrue(c.isDone());
        assertEquals(2, l.inFlight());
    }

    @Test
    void releaseIsIdempotent() {
        ConnectionLimiter l = new ConnectionLimiter(1, 0, 0, timer);
        var p = l.acquire().toCompletableFuture().join();
        p.close();
        p.close();
        assertEquals(0, l.inFlight());
    }

    @Test
    void grantsInArrivalOrder() {
        ConnectionLimiter l = new ConnectionLimiter(1, 0, 0, timer);
        var first = l.acquire().toCompletableFuture().join();
        List<Integer> order = new ArrayList<>();
        List<CompletableFuture<ConnectionLimiter.Permit>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            var f = l.acquire().toCompletableFuture();
            f.thenAccept(p -> order.add(n));
            waiting.add(f);
        }
        first.close();
        for (var f : waiting) f.join().close();
        assertEquals(List.of(0, 1, 2, 3, 4), order);
    }

    @Test
    void rateSpacesConnectionStartsOnAFakeClock() {
        AtomicLong now = new AtomicLong(0);
        ScheduledExecutorService noTimer = Executors.newSingleThreadScheduledExecutor();
        try {
            // 10 per second = one start every 100 ms; with a frozen clock only the first is granted
            ConnectionLimiter l = new ConnectionLimiter(100, 10, 0, noTimer, now::get);
            var a = l.acquire().toCompletableFuture();
            var b = l.acquire().toCompletableFuture();
            assertTrue(a.isDone());
            assertFalse(b.isDone());
            now.set(TimeUnit.MILLISECONDS.toNanos(100));
            l.acquire(); // any call re-drains
            assertTrue(b.isDone());
        } finally {
            noTimer.shutdownNow();
        }
    }

    @Test
    void rateLimitHoldsInRealTime() {
        ConnectionLimiter l = new ConnectionLimiter(100, 50, 0, timer);
        long start = System.nanoTime();
        List<CompletableFuture<ConnectionLimiter.Permit>> all = new ArrayList<>();
        for (int i = 0; i < 11; i++) all.add(l.acquire().toCompletableFuture());
        all.forEach(CompletableFuture::join);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // 11 starts at 50/s need at least 10 intervals of 20 ms
        assertTrue(ms >= 190, "11 permits at 50/s took only " + ms + " ms");
    }
}
