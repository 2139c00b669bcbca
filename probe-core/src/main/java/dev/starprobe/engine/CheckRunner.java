package dev.starprobe.engine;

import dev.starprobe.model.ExecutionRecord;
import dev.starprobe.model.ExecutionStatus;
import dev.starprobe.model.Finding;
import dev.starprobe.model.NetworkFailure;
import dev.starprobe.model.Service;
import dev.starprobe.net.DeviceNetwork;
import dev.starprobe.net.Failures;
import dev.starprobe.spi.Check;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.NetworkException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one check against one target under its time budget and turns whatever happens (findings,
 * a network failure, a plugin bug, a timeout) into an {@link ExecutionRecord} plus findings. The
 * check's sessions are closed afterwards whatever it did.
 */
final class CheckRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);

    record Result(ExecutionRecord record, List<Finding> findings) {
        Result startedAt(java.time.Instant at) {
            return new Result(record.withStartedAt(at), findings);
        }
    }

    private final ScheduledExecutorService timer;

    CheckRunner(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    CompletionStage<Result> run(Check check, Service service, Duration budget, DeviceNetwork net,
                                Function<DeviceNetwork, CheckContext> contextFactory) {
        long start = System.nanoTime();
        // wall-clock start: with the elapsed time it locates the check's traffic in a packet capture
        java.time.Instant startedAt = java.time.Instant.now();
        CompletableFuture<Result> out = new CompletableFuture<>();
        String id = check.descriptor().id();
        var ref = service == null ? null : service.ref();
        CompletionStage<CheckOutcome> stage;
        try {
            stage = check.run(contextFactory.apply(net));
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        CompletionStage<CheckOutcome> running = stage;
        var timeout = timer.schedule(() -> {
            if (out.complete(new Result(new ExecutionRecord(id, ref, ExecutionStatus.TIMED_OUT, null,
                    "exceeded its budget of " + budget.toMillis() + " ms", elapsed(start), 0), List.of()).startedAt(startedAt))) {
                // closing its sessions ends its I/O; cancelling interrupts a blocking check's thread
                net.close();
                running.toCompletableFuture().cancel(true);
            }
        }, budget.toNanos(), TimeUnit.NANOSECONDS);
        stage.whenComplete((outcome, err) -> {
            timeout.cancel(false);
            if (!out.isDone()) { // when its budget ended first, what it did afterwards is not its result
                Result r = err != null ? failure(id, ref, err, start) : translate(id, ref, outcome, start);
                out.complete(r.startedAt(startedAt));
            }
            net.close();
        });
        return out;
    }

    private static Result translate(String id, dev.starprobe.model.ServiceRef ref, CheckOutcome outcome, long start) {
        long ms = elapsed(start);
        if (outcome == null) {
            return new Result(new ExecutionRecord(id, ref, ExecutionStatus.ERROR, NetworkFailure.OTHER,
                    "check returned no outcome", ms, 0), List.of());
        }
        if (outcome instanceof CheckOutcome.Completed c) {
            return new Result(new ExecutionRecord(id, ref, ExecutionStatus.COMPLETED, null, null, ms,
                    c.findings().size()), c.findings());
        }
        if (outcome instanceof CheckOutcome.Failed f) {
            return new Result(new ExecutionRecord(id, ref, ExecutionStatus.ERROR, f.failure(), f.detail(), ms, 0), List.of());
        }
        if (outcome instanceof CheckOutcome.NotApplicable n) {
            return new Result(new ExecutionRecord(id, ref, ExecutionStatus.NOT_APPLICABLE, null, n.reason(), ms, 0), List.of());
        }
        CheckOutcome.Skipped s = (CheckOutcome.Skipped) outcome;
        return new Result(new ExecutionRecord(id, ref, ExecutionStatus.SKIPPED, null, s.reason(), ms, 0), List.of());
    }

    private static Result failure(String id, dev.starprobe.model.ServiceRef ref, Throwable err, long start) {
        Throwable t = Failures.unwrap(err);
        String detail;
        NetworkFailure kind;
        if (t instanceof NetworkException || t instanceof java.io.IOException) {
            kind = Failures.classify(t);
            detail = String.valueOf(t.getMessage());
        } else {
            kind = NetworkFailure.OTHER;
            detail = "check failed internally: " + t;
            LOG.warn("check {} threw", id, t);
        }
        return new Result(new ExecutionRecord(id, ref, ExecutionStatus.ERROR, kind, detail, elapsed(start), 0), List.of());
    }

    static long elapsed(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
