package dev.starprobe.engine;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An asynchronous weighted semaphore. The engine admits a device's checks only while the sessions
 * they declare fit its connection budget, so two checks can never each hold half of what both need.
 */
final class WeightedGate {
    private record Waiter(int weight, CompletableFuture<Void> future) {
    }

    private final int capacity;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private int used;

    WeightedGate(int capacity) {
        this.capacity = capacity;
    }

    CompletionStage<Void> acquire(int weight) {
        if (weight > capacity) throw new IllegalArgumentException("weight " + weight + " > capacity " + capacity);
        CompletableFuture<Void> f = new CompletableFuture<>();
        synchronized (this) {
            waiters.add(new Waiter(weight, f));
        }
        drain();
        return f;
    }

    void release(int weight) {
        synchronized (this) {
            used -= weight;
        }
        drain();
    }

    private void drain() {
        while (true) {
            Waiter w;
            synchronized (this) {
                w = waiters.peek();
                if (w == null || used + w.weight > capacity) return; // FIFO: no overtaking, no starvation
                waiters.poll();
                used += w.weight;
            }
            w.future.complete(null);
        }
    }
}
