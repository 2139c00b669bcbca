package dev.starprobe.plugins.lab;

import dev.starprobe.Probe;
import dev.starprobe.engine.ScanControl;
import dev.starprobe.engine.ScanHooks;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.model.ScanReport;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A test's scan with a deadline far above its normal duration. Past it the scan is cancelled and the test
 * fails with the stacks of the scan's threads in its message: a scan that never ends must show up as one
 * failing test that says where it waits, not as a test run stopped from outside with nothing to read.
 */
public final class BoundedScan {
    private BoundedScan() {
    }

    public static ScanReport run(Probe probe, ScanRequest request, ScanHooks hooks, Duration deadline) throws Exception {
        ScanControl control = new ScanControl();
        CompletableFuture<ScanReport> scan = CompletableFuture.supplyAsync(() -> probe.scan(request, control, hooks));
        try {
            return scan.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            String stacks = stacks();
            control.cancel();
            throw new AssertionError("scan did not end within " + deadline.toSeconds() + " s; threads:\n" + stacks);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) throw x;
            throw e;
        }
    }

    /** The engine's, the lab's and the caller's threads: the ones that show what a scan waits for. */
    static String stacks() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            String name = e.getKey().getName();
            if (!(name.startsWith("sp-") || name.startsWith("lab-") || name.startsWith("ForkJoinPool"))) continue;
            StackTraceElement[] frames = e.getValue();
            if (frames.length == 0) continue;
            sb.append('"').append(name).append("\" ").append(e.getKey().getState()).append('\n');
            for (int i = 0; i < Math.min(frames.length, 25); i++) sb.append("    at ").append(frames[i]).append('\n');
        }
        return sb.toString();
    }
}
