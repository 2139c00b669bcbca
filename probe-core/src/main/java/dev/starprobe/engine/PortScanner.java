package dev.starprobe.engine;

import dev.starprobe.model.NetworkFailure;
import dev.starprobe.net.DeviceNetwork;
import dev.starprobe.net.Failures;
import dev.starprobe.net.NetSettings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * TCP connect scan over Netty. Issues at most {@code window} probes at a time (the per-device
 * limiter decides how many are really in flight), so memory stays flat even for 65,535 ports.
 */
public final class PortScanner {

    /** Per-state counts plus the open ports, ascending. */
    public record Result(List<Integer> open, long closed, long filtered, long errors, long elapsedNanos) {
    }

    /**
     * Probes issued at once for a device: twice its in-flight limit keeps the limiter's queue fed
     * (a finished probe's successor is already waiting), at least 8 so a limit of 1-3 still pipelines.
     */
    public static int windowFor(NetSettings settings) {
        return Math.max(settings.maxInFlightPerDevice() * 2, 8);
    }

    public CompletionStage<Result> scan(DeviceNetwork net, PortSpec spec, int window, IntConsumer onProbed) {
        return scan(net, spec, window, onProbed, () -> false);
    }

    /** @param stop checked before each new probe; when true the scan ends early with what it found */
    public CompletionStage<Result> scan(DeviceNetwork net, PortSpec spec, int window, IntConsumer onProbed,
                                        java.util.function.BooleanSupplier stop) {
        int[] ports = spec.ports();
        AtomicInteger next = new AtomicInteger();
        List<Integer> open = Collections.synchronizedList(new ArrayList<>());
        AtomicLong closed = new AtomicLong();
        AtomicLong filtered = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        int workers = Math.max(1, Math.min(window, ports.length));
        CompletableFuture<?>[] loops = new CompletableFuture<?>[workers];
        for (int i = 0; i < workers; i++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            loops[i] = done;
            probeNext(net, ports, next, done, open, closed, filtered, errors, onProbed, stop);
        }
        return CompletableFuture.allOf(loops).thenApply(v -> {
            List<Integer> sorted = new ArrayList<>(open);
            Collections.sort(sorted);
            return new Result(List.copyOf(sorted), closed.get(), filtered.get(), errors.get(), System.nanoTime() - start);
        });
    }

    private void probeNext(DeviceNetwork net, int[] ports, AtomicInteger next, CompletableFuture<Void> done,
                           List<Integer> open, AtomicLong closed, AtomicLong filtered, AtomicLong errors,
                           IntConsumer onProbed, java.util.function.BooleanSupplier stop) {
        int i = next.getAndIncrement();
        if (i >= ports.length || stop.getAsBoolean()) {
            done.complete(null);
            return;
        }
        int port = ports[i];
        net.connectOnly(port).whenComplete((v, err) -> {
            switch (state(err)) {
                case OPEN -> open.add(port);
                case CLOSED -> closed.incrementAndGet();
                case FILTERED -> filtered.incrementAndGet();
                case ERROR -> errors.incrementAndGet();
            }
            if (onProbed != null) onProbed.accept(port);
            if (err != null && Failures.classify(err) == NetworkFailure.OUT_OF_SCOPE) {
                done.completeExceptionally(Failures.unwrap(err));
                return;
            }
            probeNext(net, ports, next, done, open, closed, filtered, errors, onProbed, stop);
        });
    }

    static PortState state(Throwable err) {
        if (err == null) return PortState.OPEN;
        return switch (Failures.classify(err)) {
            case REFUSED, RESET -> PortState.CLOSED;
            case CONNECT_TIMEOUT, UNREACHABLE -> PortState.FILTERED;
            default -> PortState.ERROR;
        };
    }
}
