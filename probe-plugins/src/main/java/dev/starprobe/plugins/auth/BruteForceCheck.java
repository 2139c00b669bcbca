package dev.starprobe.plugins.auth;

import dev.starprobe.model.Service;
import dev.starprobe.model.Severity;
import dev.starprobe.model.Verdict;
import dev.starprobe.spi.Applicability;
import dev.starprobe.spi.BlockingCheck;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.CheckTarget;
import dev.starprobe.spi.FactKey;
import dev.starprobe.spi.Safety;
import dev.starprobe.spi.ScanOptions;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * S1.1-04 / EN-5.1-5: is guessing over the network made difficult? A bounded burst of wrong passwords
 * (setting {@value #BURST_SETTING}, default 8) on the service's main login surface ({@link SurfaceRegistry}),
 * measuring each answer and its latency. PASS when throttling shows (429/423, Retry-After, lockout text, a
 * withdrawn challenge, dropped connections, latency growing at least 3x and by 300 ms); FAIL when every wrong
 * attempt was answered alike and fast on a surface where a lockout would show.
 *
 * <p>With a user-supplied valid credential (ScanOptions credential named after the surface kind, the service
 * protocol, or "default") the check first proves the credential logs in, then logs in right after the burst:
 * accepted proves no lockout (FAIL), refused proves a silent lockout (PASS); after any lockout it then waits
 * (bounded, {@link LockoutRecovery}) until the credential works again and reports the measured window. Where a
 * lockout cannot show without a valid credential (MQTT's CONNACK 5, SSH/FTP behind PAM, SNMP's silence) and
 * none was supplied, alike answers are INCONCLUSIVE, never FAIL.
 *
 * <p>Safety BRUTE by definition: it is meant to trigger lockout. Stops at the first sign of it; every attempt
 * counts against the {@link AttemptLedger}'s hard budget and every finding says how many were made. The
 * per-interface result is left as a fact for the device-level rule ({@link BruteForceDeviceCheck}).
 */
public final class BruteForceCheck extends BlockingCheck {
    public static final String ID = "auth.brute-force";
    public static final String BURST_SETTING = "auth.brute-force.burst";
    static final int DEFAULT_BURST = 8;
    static final FactKey<InterfaceResult> RESULT = FactKey.of("auth.brute-force.interface", InterfaceResult.class);

    /**
     * What the burst concluded on one interface.
     *
     * @param account the supplied credential that logged in here ("name:user", never the secret), or null:
     *                interfaces with the same account share the secret
     */
    public record InterfaceResult(String where, Verdict verdict, String account, String reason) {
    }

    private static final CheckDescriptor D = CheckDescriptor.builder(ID)
            .title("Brute force over the network is throttled or locked out")
            .requirements("S1.1-04", "EN-5.1-5")
            .protocols(SurfaceRegistry.protocols())
            .safety(Safety.BRUTE)
            .produces(RESULT)
            .timeout(Duration.ofSeconds(180))
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return D;
    }

    @Override
    public Applicability appliesTo(CheckTarget target) {
        return SurfaceRegistry.appliesTo(D, target);
    }

    @Override
    protected CheckOutcome runBlocking(CheckContext ctx) throws IOException {
        Service svc = ctx.service().orElseThrow();
        List<LoginSurface> surfaces = SurfaceRegistry.find(ctx, svc);
        if (surfaces.isEmpty()) {
            String why = "no login surface found on " + svc.ref();
            ctx.facts().put(svc.ref(), RESULT, new InterfaceResult(svc.ref().toString(), Verdict.NOT_APPLICABLE, null, why));
            return CheckOutcome.notApplicable(why);
        }
        return new Burst(ctx, surfaces.get(0), validCredential(ctx.options(), svc, surfaces.get(0))).run();
    }

    /** The credential named after the surface kind, the service protocol, or "default"; with its name. */
    static Optional<Map.Entry<String, ScanOptions.Credential>> validCredential(ScanOptions o, Service svc, LoginSurface s) {
        var c = o.credentials();
        for (String name : new String[]{s.kind(), svc.protocol(), "default"}) {
            if (name != null && c.containsKey(name)) return Optional.of(Map.entry(name, c.get(name)));
        }
        return Optional.empty();
    }

    /** One measurement on one surface. */
    private static final class Burst {
        private final CheckContext ctx;
        private final LoginSurface surface;
        private final Optional<Map.Entry<String, ScanOptions.Credential>> valid;
        private final AttemptLedger ledger;
        private final String where;
        private final List<Long> millis = new ArrayList<>();
        private final List<String> signatures = new ArrayList<>();
        private String account;
        private long lastWrongNanos;

        Burst(CheckContext ctx, LoginSurface surface, Optional<Map.Entry<String, ScanOptions.Credential>> valid) {
            this.ctx = ctx;
            this.surface = surface;
            this.valid = valid;
            this.ledger = AttemptLedger.of(ctx.options());
            this.where = surface.describe();
        }

        CheckOutcome run() throws IOException {
            if (valid.isPresent()) {
                LoginSurface.Observation v0 = proveValid();
                if (!v0.positive()) {
                    return done(Verdict.INCONCLUSIVE, "the supplied credential '" + valid.get().getKey() + "' was refused before"
                            + " any wrong attempt (" + v0.summary() + "): a wrong credential or a lockout still running; no burst"
                            + " was made");
                }
                account = valid.get().getKey() + ":" + valid.get().getValue().user();
            }
            int burst = Math.max(2, ctx.options().setting(BURST_SETTING).map(Integer::parseInt).orElse(DEFAULT_BURST));
            String user = valid.map(v -> v.getValue().user()).orElse("admin");
            for (int i = 1; i <= burst; i++) {
                if (ledger.spent()) return done(Verdict.INCONCLUSIVE, "the hard attempt budget ended the burst at " + (i - 1));
                AttemptLedger.Timed t;
                try {
                    t = ledger.attempt(surface, user, "sp-" + DefaultCredentialsCheck.randomToken(8));
                } catch (IOException e) {
                    if (i == 1 && account == null) throw e; // the service never answered: an error, not a verdict
                    // one dropped or stalled exchange is also what a busy device does: the drop counts as a lockout
                    // sign only when the next attempt, a moment later, is dropped too
                    t = retryAfterDrop(user);
                    if (t == null) {
                        lastWrongNanos = System.nanoTime();
                        return locked("the device dropped the connection at wrong attempt " + i + " of " + burst + " ("
                                + e.getMessage() + ") and again on the retry, after answering "
                                + (i == 1 ? "the valid login" : "the earlier ones"));
                    }
                }
                lastWrongNanos = System.nanoTime();
                millis.add(t.millis());
                signatures.add(t.observation().signature());
                if (t.observation().lockout()) {
                    return locked("throttling/lockout after " + (i - 1) + " wrong attempts: attempt " + i + " answered "
                            + t.observation().summary() + ". Latencies ms " + millis);
                }
                if (t.observation().positive()) {
                    return done(Verdict.INCONCLUSIVE, "a random password was accepted (" + t.observation().summary()
                            + "): the service does not authenticate");
                }
            }
            long first = median(millis.subList(0, Math.min(3, millis.size())));
            long last = median(millis.subList(Math.max(0, millis.size() - 3), millis.size()));
            if (last >= 3 * Math.max(1, first) && last - first >= 300) {
                return locked("answers slowed from ~" + first + " ms to ~" + last + " ms over " + burst
                        + " wrong attempts (throttling). Latencies ms " + millis);
            }
            boolean alike = signatures.stream().distinct().count() == 1;
            String measured = burst + (surface.takesUserPasswordPairs() ? " wrong passwords for '" + user + "'" : " random secrets")
                    + " answered " + (alike ? "alike (" + signatures.get(0) + ")"
                    : "with " + signatures.stream().distinct().toList()) + " in " + millis + " ms";
            if (valid.isPresent()) {
                if (ledger.spent()) return done(Verdict.INCONCLUSIVE, measured + "; the hard attempt budget left no valid login");
                LoginSurface.Observation v = ledger.attempt(surface, user, valid.get().getValue().secret()).observation();
                if (v.positive()) {
                    return done(Verdict.FAIL, measured + ", and the supplied valid credential, which logged in before the"
                            + " burst, still logged in immediately after (" + v.summary() + "): no lockout");
                }
                return locked(measured + ", and the supplied valid credential, which logged in before the burst, was"
                        + " refused right after (" + v.summary() + "): a silent lockout");
            }
            if (!surface.lockoutVisibleWithoutCredential()) {
                return done(Verdict.INCONCLUSIVE, measured + "; this kind of login refuses a wrong and a locked-out attempt"
                        + " alike, so a lockout cannot be seen without a valid credential (supply one with --credential "
                        + surface.kind() + "=USER:SECRET)");
            }
            if (!alike) return done(Verdict.INCONCLUSIVE, measured + "; the answers varied without a recognisable lockout");
            return done(Verdict.FAIL, measured + ": no lockout, delay or throttling observed");
        }

        /** The valid credential before the burst, waiting out a lockout earlier attempts may have left. */
        private LoginSurface.Observation proveValid() throws IOException {
            ScanOptions.Credential c = valid.orElseThrow().getValue();
            LockoutWait wait = LockoutWait.of(ctx.options());
            LoginSurface.Observation o = ledger.attempt(surface, c.user(), c.secret()).observation();
            while (!o.positive() && !ledger.spent() && wait.pause()) o = ledger.attempt(surface, c.user(), c.secret()).observation();
            return o;
        }

        /** The retried wrong attempt, or null when it was dropped too. */
        private AttemptLedger.Timed retryAfterDrop(String user) throws IOException {
            if (ledger.spent()) return null;
            try {
                Thread.sleep(1000);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted");
            }
            try {
                return ledger.attempt(surface, user, "sp-" + DefaultCredentialsCheck.randomToken(8));
            } catch (IOException again) {
                return null;
            }
        }

        /** A lockout was seen: PASS, with the recovery window when the owner's credential can measure it. */
        private CheckOutcome locked(String what) throws IOException {
            String recovery = valid.isEmpty() ? "Recovery after the lockout window was not measured (no valid credential supplied)"
                    : LockoutRecovery.measure(surface, valid.get().getValue(), ledger, LockoutRecovery.wait(ctx.options()),
                    lastWrongNanos);
            return done(Verdict.PASS, what + ". " + recovery);
        }

        private CheckOutcome done(Verdict v, String reason) {
            String text = where + ": " + reason + ". " + ledger.account(surface);
            ctx.facts().put(ctx.service().orElseThrow().ref(), RESULT, new InterfaceResult(where, v, account, text));
            var f = ctx.finding(v, text).traffic("the burst of wrong login attempts");
            if (v == Verdict.FAIL) f.severity(Severity.HIGH);
            return CheckOutcome.completed(f.build());
        }
    }

    private static long median(List<Long> xs) {
        List<Long> s = xs.stream().sorted().toList();
        return s.isEmpty() ? 0 : s.get(s.size() / 2);
    }
}
