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
import dev.starprobe.spi.Safety;
import dev.starprobe.spi.ScanOptions;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * S1.1-04 / EN-5.1-5: is guessing over the network made difficult? A bounded burst of wrong passwords
 * (setting {@value #BURST_SETTING}, default 8) on the service's login surface, measuring each answer and
 * its latency. PASS when throttling shows (429/423, Retry-After, lockout text, a withdrawn challenge,
 * dropped connections, latency growing at least 3x and by 300 ms); FAIL when every wrong attempt was
 * answered alike and fast; with a user-supplied valid credential (ScanOptions credential named after the
 * protocol, or "default") the check logs in right after the burst: accepted proves no lockout (FAIL),
 * refused proves a silent lockout (PASS). MQTT refuses wrong and locked-out logins with the same CONNACK 5,
 * so there a burst without a valid credential is INCONCLUSIVE.
 *
 * <p>Safety BRUTE by definition: it is meant to trigger lockout. Stops at the first sign of it.
 */
public final class BruteForceCheck extends BlockingCheck {
    public static final String ID = "auth.brute-force";
    public static final String BURST_SETTING = "auth.brute-force.burst";
    static final int DEFAULT_BURST = 8;

    private static final CheckDescriptor D = CheckDescriptor.builder(ID)
            .title("Brute force over the network is throttled or locked out")
            .requirements("S1.1-04", "EN-5.1-5")
            .protocols("http", "https", "telnet", "rtsp", "mqtt", "mqtts")
            .safety(Safety.BRUTE)
            .timeout(Duration.ofSeconds(90))
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return D;
    }

    @Override
    public Applicability appliesTo(CheckTarget target) {
        Service s = target.service();
        if (s != null && s.tls() && s.port() == DefaultCredentialsCheck.MQTTS_PORT && "tls".equals(s.protocol())) {
            return Applicability.yes();
        }
        return D.applicability(target);
    }

    @Override
    protected CheckOutcome runBlocking(CheckContext ctx) throws IOException {
        Service svc = ctx.service().orElseThrow();
        Optional<LoginSurface> found = DefaultCredentialsCheck.findSurface(ctx, svc);
        if (found.isEmpty()) {
            return CheckOutcome.notApplicable("no login surface found on " + svc.ref());
        }
        LoginSurface surface = found.get();
        int burst = Math.max(2, ctx.options().setting(BURST_SETTING).map(Integer::parseInt).orElse(DEFAULT_BURST));
        boolean mqtt = surface instanceof Surfaces.Mqtt;
        String user = "admin";
        List<Long> millis = new ArrayList<>();
        List<String> signatures = new ArrayList<>();
        String where = surface.describe();
        for (int i = 1; i <= burst; i++) {
            long t0 = System.nanoTime();
            LoginSurface.Observation o;
            try {
                o = surface.attempt(user, "sp-" + DefaultCredentialsCheck.randomToken(8));
            } catch (IOException e) {
                if (i == 1) throw e; // the service never answered: an error, not a verdict
                return done(ctx, Verdict.PASS, where + ": the device dropped the connection at wrong attempt " + i
                        + " of " + burst + " (" + e.getMessage() + ") after answering the earlier ones. Attempts made: " + i);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            millis.add(ms);
            signatures.add(o.signature());
            if (o.lockout()) {
                return done(ctx, Verdict.PASS, where + ": throttling/lockout after " + (i - 1) + " wrong attempts: attempt "
                        + i + " answered " + o.summary() + ". Latencies ms " + millis + ". Attempts made: " + i);
            }
            if (o.positive()) {
                return done(ctx, Verdict.INCONCLUSIVE, where + ": a random password was accepted (" + o.summary()
                        + "): the service does not authenticate. Attempts made: " + i);
            }
        }
        long first = median(millis.subList(0, Math.min(3, millis.size())));
        long last = median(millis.subList(Math.max(0, millis.size() - 3), millis.size()));
        if (last >= 3 * Math.max(1, first) && last - first >= 300) {
            return done(ctx, Verdict.PASS, where + ": answers slowed from ~" + first + " ms to ~" + last + " ms over "
                    + burst + " wrong attempts (throttling). Latencies ms " + millis + ". Attempts made: " + burst);
        }
        boolean alike = signatures.stream().distinct().count() == 1;
        Optional<ScanOptions.Credential> valid = validCredential(ctx.options(), svc);
        String measured = burst + " wrong passwords for '" + user + "' answered " + (alike ? "alike (" + signatures.get(0) + ")"
                : "with " + signatures.stream().distinct().toList()) + " in " + millis + " ms";
        if (valid.isPresent()) {
            LoginSurface.Observation v = surface.attempt(valid.get().user(), valid.get().secret());
            if (v.positive()) {
                return done(ctx, Verdict.FAIL, where + ": " + measured + ", and the supplied valid credential still logged in"
                        + " immediately after: no lockout. Attempts made: " + (burst + 1));
            }
            return done(ctx, Verdict.PASS, where + ": " + measured + ", but the supplied valid credential was refused"
                    + " right after (" + v.summary() + "): a silent lockout. Attempts made: " + (burst + 1)
                    + ". Recovery after the lockout window was not measured.");
        }
        if (mqtt || !alike) {
            return done(ctx, Verdict.INCONCLUSIVE, where + ": " + measured + "; " + (mqtt
                    ? "MQTT refuses wrong and locked-out logins alike (CONNACK 5), so a lockout cannot be seen without a valid credential"
                    : "the answers varied without a recognisable lockout") + ". Attempts made: " + burst);
        }
        return done(ctx, Verdict.FAIL, where + ": " + measured + ": no lockout, delay or throttling observed. Attempts made: " + burst);
    }

    private static Optional<ScanOptions.Credential> validCredential(ScanOptions o, Service svc) {
        var c = o.credentials();
        if (svc.protocol() != null && c.containsKey(svc.protocol())) return Optional.of(c.get(svc.protocol()));
        return Optional.ofNullable(c.get("default"));
    }

    private static long median(List<Long> xs) {
        List<Long> s = xs.stream().sorted().toList();
        return s.isEmpty() ? 0 : s.get(s.size() / 2);
    }

    private static CheckOutcome done(CheckContext ctx, Verdict v, String reason) {
        var f = ctx.finding(v, reason).traffic("the burst of wrong login attempts");
        if (v == Verdict.FAIL) f.severity(Severity.HIGH);
        return CheckOutcome.completed(f.build());
    }
}
