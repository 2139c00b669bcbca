package dev.starprobe.lab.auth;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brute-force protection per source address: after {@code maxFailures} consecutive failures the source is
 * locked out for {@code duration}; a success resets the count. {@link #none()} never locks (weak devices).
 */
public final class LockoutPolicy {
    /** The hardened devices' default: 5 failures, then 60 s. */
    public static final int DEFAULT_MAX_FAILURES = 5;
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);

    private record State(int failures, long lockedUntilNanos) {}

    private final int maxFailures;
    private final Duration duration;
    private final Map<InetAddress, State> states = new ConcurrentHashMap<>();

    public LockoutPolicy(int maxFailures, Duration duration) {
        this.maxFailures = maxFailures;
        this.duration = duration;
    }

    public static LockoutPolicy standard() {
        return new LockoutPolicy(DEFAULT_MAX_FAILURES, DEFAULT_DURATION);
    }

    public static LockoutPolicy none() {
        return new LockoutPolicy(Integer.MAX_VALUE, Duration.ZERO);
    }

    public boolean enabled() {
        return maxFailures != Integer.MAX_VALUE;
    }

    public int maxFailures() {
        return maxFailures;
    }

    public Duration duration() {
        return duration;
    }

    public boolean isLocked(InetAddress source) {
        State s = states.get(source);
        if (s == null || s.lockedUntilNanos() == 0) return false;
        if (System.nanoTime() - s.lockedUntilNanos() < 0) return true;
        states.remove(source, s);
        return false;
    }

    public void failure(InetAddress source) {
        if (!enabled()) return;
        states.compute(source, (k, s) -> {
            int n = (s == null || s.lockedUntilNanos() != 0 ? 0 : s.failures()) + 1;
            long until = n >= maxFailures ? System.nanoTime() + Math.max(1, duration.toNanos()) : 0;
            return new State(n, until);
        });
    }

    public void success(InetAddress source) {
        states.remove(source);
    }

    /** Seconds until the lock on {@code source} ends (at least 1 while locked), 0 if not locked. */
    public long retryAfterSeconds(InetAddress source) {
        State s = states.get(source);
        if (s == null || s.lockedUntilNanos() == 0) return 0;
        long left = s.lockedUntilNanos() - System.nanoTime();
        return left <= 0 ? 0 : Math.max(1, Duration.ofNanos(left).toSeconds());
    }
}
