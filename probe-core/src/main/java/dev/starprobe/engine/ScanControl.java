package dev.starprobe.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets the caller stop a running scan (Ctrl-C, a CI timeout). Work already in flight finishes or
 * times out; nothing new starts, and everything that did not run is reported as CANCELLED, so the
 * report is still complete and honest.
 */
public final class ScanControl {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile String reason = "scan was cancelled";

    public void cancel() {
        cancelled.set(true);
    }

    /** Cancels, saying why in the report's warnings (the first reason given stays). */
    public void cancel(String why) {
        if (cancelled.compareAndSet(false, true)) reason = why;
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Why the scan was cancelled, for the report. */
    public String reason() {
        return reason;
    }
}
