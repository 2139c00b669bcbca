package dev.starprobe.plugins.auth;

import dev.starprobe.model.Service;
import dev.starprobe.model.Severity;
import dev.starprobe.model.Verdict;
import dev.starprobe.spi.BlockingCheck;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.Safety;
import dev.starprobe.spi.ScanOptions;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * Do the login answers tell an existing user name from an unknown one? (Good practice for STAR-2, and it
 * makes guessing easier: S1.1-04 / EN-5.1-5.) On each HTTP(S) login surface of the service (Basic/Digest
 * challenge, HTML form) it compares failed logins of a <em>known</em> account with failed logins of random
 * unknown names: status and headers, normalised body and latency, with real two-sample tests
 * ({@link EnumerationJudgement}, parameters in {@link EnumerationSettings}).
 *
 * <p>The known account is the user's credential for the protocol (ScanOptions credential named after it,
 * or "default", or the only one supplied) or a default credential auth.default-credentials proved on this
 * device; without one the test cannot be made (INCONCLUSIVE). Safety BRUTE: every sample is a failed
 * login. The known credential logs in between small batches of failures so that a counter which a success
 * resets stays below the lockout threshold (setting auth.lockout-threshold when known), and the test stops
 * at the first sign of lockout (waiting only within auth.lockout-wait). Telnet, SSH and FTP logins are not
 * sampled: their answers take seconds each, too slow for a timing test within the check's budget.
 */
public final class UserEnumerationCheck extends BlockingCheck {
    public static final String ID = "auth.user-enumeration";
    private static final int MAX_SURFACES = 2;

    private static final CheckDescriptor D = CheckDescriptor.builder(ID)
            .title("Login answers do not reveal which user names exist")
            .requirements("S1.1-04", "EN-5.1-5")
            .protocols("http", "https")
            .safety(Safety.BRUTE)
            .consumes(AuthFacts.ACCEPTED_LOGIN)
            .timeout(Duration.ofSeconds(120))
            .build();

    private final Random random;

    public UserEnumerationCheck() {
        this(new SecureRandom());
    }

    UserEnumerationCheck(Random random) {
        this.random = random;
    }

    @Override
    public CheckDescriptor descriptor() {
        return D;
    }

    @Override
    protected CheckOutcome runBlocking(CheckContext ctx) throws IOException {
        Service svc = ctx.service().orElseThrow();
        AuthHttp http = new AuthHttp(ctx, svc.port(), svc.tls() || "https".equals(svc.protocol()));
        List<EnumerationSurface> surfaces = surfaces(http);
        if (surfaces.isEmpty()) {
            return CheckOutcome.notApplicable("no login surface (Basic/Digest challenge on /, password form) on " + svc.ref());
        }
        Optional<Known> known = knownAccount(ctx, svc);
        if (known.isEmpty()) {
            return done(ctx, Verdict.INCONCLUSIVE, surfaces.get(0).describe() + ": no known valid user name, so an"
                    + " existing account cannot be compared with unknown ones. Supply the device's account (--credential "
                    + svc.protocol() + "=USER:PASSWORD or an inventory credential); no login was attempted.");
        }
        EnumerationSettings cfg = EnumerationSettings.from(ctx.options());
        Duration wait = Duration.ofSeconds(ctx.options().setting(DefaultCredentialsCheck.LOCKOUT_WAIT_SETTING)
                .map(Long::parseLong).orElse(0L));
        List<String> parts = new ArrayList<>();
        Verdict worst = Verdict.PASS;
        int attempts = 0;
        for (EnumerationSurface s : surfaces) {
            EnumerationSampler.Samples samples = new EnumerationSampler(s, known.get().credential(), cfg, wait, random).take();
            attempts += samples.failedAttempts() + samples.knownLogins();
            EnumerationJudgement.Judgement j = EnumerationJudgement.judge(samples, cfg);
            parts.add(s.describe() + ": " + j.verdict() + ", " + j.reason());
            worst = rank(j.verdict()) > rank(worst) ? j.verdict() : worst;
            // one proof is enough, and after a lockout or failure the device is spared further logins
            if (j.verdict() == Verdict.FAIL || samples.stoppedBy() != null) break;
        }
        return done(ctx, worst, "known account '" + known.get().credential().user() + "' (" + known.get().source() + "). "
                + String.join(" | ", parts) + " Attempts made: " + attempts);
    }

    private static int rank(Verdict v) {
        return switch (v) {
            case FAIL -> 3;
            case INCONCLUSIVE -> 2;
            case PASS -> 1;
            default -> 0;
        };
    }

    /** The first password form and the Basic/Digest challenge on "/", found with plain GETs (no login). */
    private static List<EnumerationSurface> surfaces(AuthHttp http) throws IOException {
        List<EnumerationSurface> out = new ArrayList<>();
        AuthHttp.Result root = http.get("/", null);
        String ch = root.header("www-authenticate");
        if (root.status() == 401 && (Digest.isBasic(ch) || Digest.isDigest(ch))) out.add(EnumerationSurface.challenge(http, "/", ch));
        if (root.status() / 100 == 3 && out.isEmpty()) return out; // e.g. a redirect to HTTPS: tested there
        Optional<Surfaces.HttpForm> form = root.status() == 200 ? Surfaces.HttpForm.find(http, "/", root.body()) : Optional.empty();
        for (int i = 0; form.isEmpty() && i < Surfaces.LOGIN_PATHS.size(); i++) {
            String path = Surfaces.LOGIN_PATHS.get(i);
            AuthHttp.Result r = http.get(path, null);
            if (r.status() == 200) form = Surfaces.HttpForm.find(http, path, r.body());
        }
        form.ifPresent(f -> out.add(0, EnumerationSurface.form(http, f))); // forms leak more often: first
        return out.size() > MAX_SURFACES ? out.subList(0, MAX_SURFACES) : out;
    }

    record Known(ScanOptions.Credential credential, String source) {
    }

    /** The user's credential for this protocol, "default", or the only one; else a default proved on the device. */
    static Optional<Known> knownAccount(CheckContext ctx, Service svc) {
        Map<String, ScanOptions.Credential> creds = new TreeMap<>(ctx.options().credentials());
        if (svc.protocol() != null && creds.containsKey(svc.protocol())) {
            return Optional.of(new Known(creds.get(svc.protocol()), "supplied credential '" + svc.protocol() + "'"));
        }
        if (creds.containsKey("default")) return Optional.of(new Known(creds.get("default"), "supplied credential 'default'"));
        if (creds.size() == 1) {
            var e = creds.entrySet().iterator().next();
            return Optional.of(new Known(e.getValue(), "the only supplied credential, '" + e.getKey() + "'"));
        }
        Optional<AuthFacts.AcceptedLogin> proved = ctx.facts().get(svc.ref(), AuthFacts.ACCEPTED_LOGIN)
                .or(() -> ctx.facts().device(AuthFacts.ACCEPTED_LOGIN));
        return proved.map(p -> new Known(new ScanOptions.Credential(p.user(), p.password()),
                "a default credential accepted by " + p.where()));
    }

    private static CheckOutcome done(CheckContext ctx, Verdict v, String reason) {
        var f = ctx.finding(v, reason).traffic("login surface discovery and the interleaved known/unknown-user failed logins");
        if (v == Verdict.FAIL) f.severity(Severity.MEDIUM);
        return CheckOutcome.completed(f.build());
    }
}
