package dev.starprobe.plugins.auth;

import dev.starprobe.spi.ScanOptions;

import java.io.IOException;
import java.time.Duration;

/**
 * After a lockout, polls the owner's valid credential at growing intervals (1 s, doubling up to 10 s) until it
 * logs in again or the recovery wait (setting {@value #SETTING}, seconds, default {@value #DEFAULT_SECONDS})
 * is over, so the report states the measured lockout window and that the owner is not locked out for good.
 * Every poll is a counted attempt; the ledger's hard budget ends the polling too.
 */
final class LockoutRecovery {
    static final String SETTING = "auth.brute-force.recovery-wait";
    static final long DEFAULT_SECONDS = 90;
    private static final long MAX_STEP_MILLIS = 10_000;

    private LockoutRecovery() {
    }

    static Duration wait(ScanOptions options) {
        return Duration.ofSeconds(options.setting(SETTING).map(Long::parseLong).orElse(DEFAULT_SECONDS));
    }

    /**
     * @param lockedSinceNanos {@link System#nanoTime()} of the last wrong attempt
     * @return one sentence for the report
     */
    static String measure(LoginSurface surface, ScanOptions.Credential valid, AttemptLedger ledger, Duration maxWait,
                          long lockedSinceNanos) throws IOException {
        long deadline = lockedSinceNanos + maxWait.toNanos();
        long step = 1000;
        double lastRefused = -1;
        int polls = 0;
        String lastSummary = "";
        while (!ledger.spent()) {
            long sleep = Math.min(step, (deadline - System.nanoTime()) / 1_000_000);
            if (sleep <= 0 || !LockoutWait.sleep(sleep)) break;
            step = Math.min(MAX_STEP_MILLIS, step * 2);
            LoginSurface.Observation o = ledger.attempt(surface, valid.user(), valid.secret()).observation();
            polls++;
            double at = seconds(System.nanoTime() - lockedSinceNanos);
            if (o.positive()) {
                return String.format("Recovery: the supplied credential logged in again %.1f s after the last wrong attempt"
                        + " (%s); measured lockout window %s%.1f s (%d recovery poll%s)", at, o.summary(),
                        lastRefused < 0 ? "at most " : String.format("between %.1f and ", lastRefused), at, polls, polls == 1 ? "" : "s");
            }
            lastRefused = at;
            lastSummary = o.summary();
        }
        if (polls == 0) {
            return "Recovery was not measured (" + (ledger.spent() ? "hard attempt budget reached" : "recovery wait "
                    + maxWait.toSeconds() + " s, setting " + SETTING) + ")";
        }
        return String.format("Recovery: the supplied credential was still refused %.1f s after the last wrong attempt (%s,"
                + " %d poll%s): the lockout outlasts the recovery wait (setting %s) or needs an administrator; the owner"
                + " may be locked out", lastRefused, lastSummary, polls, polls == 1 ? "" : "s", SETTING);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
