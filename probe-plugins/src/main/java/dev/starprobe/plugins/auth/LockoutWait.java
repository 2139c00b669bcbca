package dev.starprobe.plugins.auth;

import dev.starprobe.spi.ScanOptions;

import java.time.Duration;

/**
 * A bounded wait for a lockout to end, shared by every retry of one check run (setting
 * {@value #SETTING}, seconds, default 0: stop at once). Pauses grow from 1 s so that a device still
 * locked out is not hammered; the attempts made after each pause are counted by the {@link AttemptLedger}.
 */
final class LockoutWait {
    /** Seconds the auth checks may wait, in total, for a lockout to end before giving up. */
    static final String SETTING = "auth.lockout-wait";
    private static final long MAX_STEP_MILLIS = 10_000;

    private long leftMillis;
    private long nextStep = 1000;

    LockoutWait(Duration max) {
        this.leftMillis = Math.max(0, max.toMillis());
    }

    static LockoutWait of(ScanOptions options) {
        return new LockoutWait(Duration.ofSeconds(options.setting(SETTING).map(Long::parseLong).orElse(0L)));
    }

    /** Sleeps before the next retry; false (without sleeping) when the wait is used up or interrupted. */
    boolean pause() {
        if (leftMillis <= 0) return false;
        long step = Math.min(leftMillis, nextStep);
        nextStep = Math.min(MAX_STEP_MILLIS, nextStep * 2);
        leftMillis -= step;
        return sleep(step);
    }

    static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
