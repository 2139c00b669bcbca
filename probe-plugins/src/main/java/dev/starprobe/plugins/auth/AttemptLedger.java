package dev.starprobe.plugins.auth;

import dev.starprobe.spi.ScanOptions;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Every login attempt of one check run: a hard cap (setting {@value #MAX_SETTING}) that no retry, wait or
 * recovery poll can exceed, how many attempts each surface got (the "Attempts made" of every finding),
 * and how long each answer took. An attempt is counted before it is sent: one that failed on the way may
 * still have reached the device's counter.
 */
final class AttemptLedger {
    static final String MAX_SETTING = "auth.max-attempts";
    static final int DEFAULT_MAX = 40;

    /** An attempt's observation and how long the device took to answer it. */
    record Timed(LoginSurface.Observation observation, long millis) {
    }

    private final int max;
    private final Map<LoginSurface, Integer> made = new IdentityHashMap<>();
    private int total;

    AttemptLedger(int max) {
        this.max = Math.max(1, max);
    }

    static AttemptLedger of(ScanOptions options) {
        return new AttemptLedger(options.setting(MAX_SETTING).map(Integer::parseInt).orElse(DEFAULT_MAX));
    }

    /** Whether the hard cap is reached: no further attempt may be made. */
    boolean spent() {
        return total >= max;
    }

    int max() {
        return max;
    }

    /** One attempt on {@code surface}; the caller checks {@link #spent()} first. */
    Timed attempt(LoginSurface surface, String user, String password) throws IOException {
        if (spent()) throw new IllegalStateException("the hard budget of " + max + " login attempts is spent");
        total++;
        made.merge(surface, 1, Integer::sum);
        long t0 = System.nanoTime();
        LoginSurface.Observation o = surface.attempt(user, password);
        return new Timed(o, (System.nanoTime() - t0) / 1_000_000);
    }

    int on(LoginSurface surface) {
        return made.getOrDefault(surface, 0);
    }

    /** The sentence every finding ends with, e.g. "Attempts made: 5 (hard budget 40 for this check run)". */
    String account(LoginSurface surface) {
        return "Attempts made: " + on(surface) + (spent() ? " (the hard budget of " + max + " attempts was reached)" : "");
    }
}
