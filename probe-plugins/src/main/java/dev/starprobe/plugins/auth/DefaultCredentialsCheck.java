package dev.starprobe.plugins.auth;

import dev.starprobe.model.Finding;
import dev.starprobe.model.Severity;
import dev.starprobe.model.Service;
import dev.starprobe.model.Verdict;
import dev.starprobe.spi.Applicability;
import dev.starprobe.spi.BlockingCheck;
import dev.starprobe.spi.CheckTarget;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.Safety;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * S1.1-02 / EN-5.1-1: does a known default or universal credential log in? Tries a bounded list of pairs
 * ({@link CredentialList}, category first) on the login surface of one service: HTTP(S) Basic/Digest on
 * "/", an HTML form login, Telnet, RTSP DESCRIBE (Basic/Digest) and MQTT CONNECT (plain or TLS).
 *
 * <p>A FAIL is proved, not inferred: first a <em>baseline</em> attempt with random credentials, then each
 * pair; a pair counts as accepted only when its answer shows a session (2xx/3xx, a session cookie without
 * the form again, a shell prompt, SDP, CONNACK 0) <em>and</em> differs from the baseline. A service that
 * accepts the random baseline has no authentication to defeat (that is auth.unauthenticated-access's
 * business) and never gets a default-credential FAIL; neither does a page that merely prints the strings.
 *
 * <p>Safety BRUTE: every pair is a real authentication attempt that counts toward the device's lockout, so
 * it may lock the owner out (the definition of {@link Safety#BRUTE}); it never runs in a SAFE-only scan.
 * Attempts are capped (setting {@value #BUDGET_SETTING}, default 4 pairs + 1 baseline per service), the
 * check stops at the first sign of lockout, and every finding says how many attempts were made.
 */
public final class DefaultCredentialsCheck extends BlockingCheck {
    public static final String ID = "auth.default-credentials";
    public static final String BUDGET_SETTING = "auth.default-credentials.budget";
    /** Seconds the check may wait, in total, for a lockout to end before giving up (default 0: stop at once). */
    public static final String LOCKOUT_WAIT_SETTING = "auth.lockout-wait";
    static final int DEFAULT_BUDGET = 4;
    static final int MQTTS_PORT = 8883;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final CheckDescriptor D = CheckDescriptor.builder(ID)
            .title("No universal default credentials")
            .requirements("S1.1-02", "EN-5.1-1")
            .protocols("http", "https", "telnet", "rtsp", "mqtt", "mqtts")
            .safety(Safety.BRUTE)
            .produces(AuthFacts.ACCEPTED_LOGIN)
            .timeout(Duration.ofSeconds(90))
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return D;
    }

    /** Also a TLS service on 8883 (IANA secure-mqtt) when identification could not see inside the TLS. */
    @Override
    public Applicability appliesTo(CheckTarget target) {
        Service s = target.service();
        if (s != null && s.tls() && s.port() == MQTTS_PORT && "tls".equals(s.protocol())) return Applicability.yes();
        return D.applicability(target);
    }

    @Override
    protected CheckOutcome runBlocking(CheckContext ctx) throws IOException {
        Service svc = ctx.service().orElseThrow();
        Optional<LoginSurface> found = findSurface(ctx, svc);
        if (found.isEmpty()) {
            return CheckOutcome.notApplicable("no login surface (credential challenge, password form, login prompt) found on "
                    + svc.ref());
        }
        int budget = ctx.options().setting(BUDGET_SETTING).map(Integer::parseInt).orElse(DEFAULT_BUDGET);
        List<CredentialList.Entry> pairs = CredentialList.forDevice(
                ctx.classification() == null ? null : ctx.classification().category(), ctx.options());
        Duration wait = Duration.ofSeconds(ctx.options().setting(LOCKOUT_WAIT_SETTING).map(Long::parseLong).orElse(0L));
        return CheckOutcome.completed(prove(ctx, found.get(), pairs, budget, wait));
    }

    /** Finds the service's login surface with SAFE requests only (no credentials are sent here). */
    static Optional<LoginSurface> findSurface(CheckContext ctx, Service svc) throws IOException {
        String p = svc.protocol() == null ? "" : svc.protocol();
        int port = svc.port();
        switch (p) {
            case "telnet" -> {
                return Optional.of(new Surfaces.Telnet(ctx, port));
            }
            case "tls" -> {
                return port == MQTTS_PORT ? Optional.of(new Surfaces.Mqtt(ctx, port, true)) : Optional.empty();
            }
            case "mqtt", "mqtts" -> {
                return Optional.of(new Surfaces.Mqtt(ctx, port, svc.tls() || p.equals("mqtts")));
            }
            case "rtsp" -> {
                String uri = "rtsp://" + ctx.device().address().getHostAddress() + ":" + port + "/";
                String[] r = Surfaces.Rtsp.describe(ctx, port, uri, 1, null);
                String ch = Surfaces.Rtsp.header(r[1], "WWW-Authenticate");
                return Surfaces.Rtsp.status(r[0]) == 401 && ch != null
                        ? Optional.of(new Surfaces.Rtsp(ctx, port, ch)) : Optional.empty();
            }
            case "http", "https" -> {
                AuthHttp http = new AuthHttp(ctx, port, svc.tls() || p.equals("https"));
                AuthHttp.Result root = http.get("/", null);
                String ch = root.header("www-authenticate");
                if (root.status() == 401 && (Digest.isBasic(ch) || Digest.isDigest(ch))) {
                    return Optional.of(new Surfaces.HttpChallenge(http, "/", ch));
                }
                if (root.status() / 100 == 3) return Optional.empty(); // e.g. a redirect to HTTPS: judged there
                if (root.status() == 200) {
                    var f = Surfaces.HttpForm.find(http, "/", root.body());
                    if (f.isPresent()) return Optional.of(f.get());
                }
                for (String path : Surfaces.LOGIN_PATHS) {
                    AuthHttp.Result r = http.get(path, null);
                    if (r.status() == 200) {
                        var f = Surfaces.HttpForm.find(http, path, r.body());
                        if (f.isPresent()) return Optional.of(f.get());
                    }
                }
                return Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static long pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Long.MAX_VALUE / 2;
        }
        return millis;
    }

    static String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static Finding prove(CheckContext ctx, LoginSurface surface, List<CredentialList.Entry> pairs, int budget,
                         Duration lockoutWait) throws IOException {
        int attempts = 0;
        long waitLeft = lockoutWait.toMillis();
        String baselineUser = "sp" + randomToken(4);
        LoginSurface.Observation baseline = surface.attempt(baselineUser, randomToken(12));
        attempts++;
        while (baseline.lockout() && waitLeft > 0) { // another test (or the owner) tripped the lockout just before
            waitLeft -= pause(Math.min(waitLeft, 1000));
            baseline = surface.attempt(baselineUser, randomToken(12));
            attempts++;
        }
        String where = surface.describe();
        if (baseline.lockout()) {
            return ctx.finding(Verdict.INCONCLUSIVE, where + ": the first (baseline) attempt already met a lockout ("
                    + baseline.summary() + "); no default credential was tried. Attempts made: " + attempts)
                    .traffic("baseline login attempt").build();
        }
        if (baseline.positive()) {
            return ctx.finding(Verdict.INCONCLUSIVE, where + ": random credentials were accepted (" + baseline.summary()
                    + "), so the service does not authenticate and default credentials cannot be distinguished;"
                    + " see auth.unauthenticated-access. Attempts made: " + attempts)
                    .traffic("baseline login attempt with random credentials").build();
        }
        List<String> refused = new ArrayList<>();
        for (CredentialList.Entry e : pairs) {
            if (refused.size() >= budget) break;
            LoginSurface.Observation o = surface.attempt(e.user(), e.password());
            attempts++;
            while (o.lockout() && refused.isEmpty() && waitLeft > 0) {
                waitLeft -= pause(Math.min(waitLeft, 1000));
                o = surface.attempt(e.user(), e.password());
                attempts++;
            }
            if (o.lockout()) {
                String tried = refused.isEmpty() ? "no default credential was tried" : refused.size() + " defaults refused ("
                        + String.join(", ", refused) + ")";
                Verdict v = refused.isEmpty() ? Verdict.INCONCLUSIVE : Verdict.PASS;
                return ctx.finding(v, where + ": " + tried + ", then a lockout stopped the test (" + o.summary()
                                + "). Attempts made: " + attempts)
                        .traffic("baseline and default-credential attempts up to the lockout").build();
            }
            if (o.positive() && !o.signature().equals(baseline.signature())) {
                AuthFacts.AcceptedLogin login = new AuthFacts.AcceptedLogin(e.user(), e.password(), where);
                ctx.service().ifPresent(svc -> ctx.facts().put(svc.ref(), AuthFacts.ACCEPTED_LOGIN, login));
                ctx.facts().put(null, AuthFacts.ACCEPTED_LOGIN, login);
                return ctx.finding(Verdict.FAIL, where + ": the default credential " + e.user() + "/"
                                + (e.password().isEmpty() ? "<empty password>" : "<listed default>") + " is accepted ("
                                + o.summary() + ") while random credentials were refused (" + baseline.summary()
                                + "). Attempts made: " + attempts)
                        .title("Default credential accepted: " + e.user())
                        .severity(Severity.CRITICAL)
                        .traffic("baseline with random credentials, then the accepted default credential").build();
            }
            refused.add(e.label());
        }
        if (refused.isEmpty()) {
            return ctx.finding(Verdict.INCONCLUSIVE, where + ": no default credential was tried (budget " + budget
                    + "). Attempts made: " + attempts).traffic("baseline login attempt").build();
        }
        return ctx.finding(Verdict.PASS, where + ": " + refused.size() + " known default credentials refused ("
                        + String.join(", ", refused) + "), answered like random credentials (" + baseline.summary()
                        + "). Attempts made: " + attempts + ". Per-unit uniqueness needs a second unit.")
                .traffic("baseline and default-credential attempts").build();
    }
}
