package dev.starprobe.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets the caller stop a running scan (Ctrl-C, a CI timeout). Work already in flight finishes or
 * times out; nothing new starts, and everything that did not run is reported as CANCELLED, so the
 * report is still complete and honest.
 */
public final class ScanControl {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }
}
