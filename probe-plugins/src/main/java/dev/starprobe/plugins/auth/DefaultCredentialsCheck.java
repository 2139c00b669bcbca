package dev.starprobe.plugins.auth;

import dev.starprobe.model.Finding;
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

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * S1.1-02 / EN-5.1-1: does a known default or universal credential log in? Tries a bounded list of pairs
 * ({@link CredentialList}, surface-specific and category entries first) on every login surface
 * {@link SurfaceRegistry} finds on the service: HTTP(S) Basic/Digest, an HTML form, ONVIF WS-UsernameToken,
 * a vendor JSON login API, Telnet, RTSP, MQTT, SNMP v2c communities, SSH passwords and FTP.
 *
 * <p>A FAIL is proved, not inferred: first a <em>baseline</em> attempt with random credentials, then each
 * pair; a pair counts as accepted only when its answer shows a session (2xx/3xx, a session cookie without
 * the form again, a token, a shell prompt, SDP, CONNACK 0, an SNMP response, SSH or FTP authenticated)
 * <em>and</em> differs from the baseline. A service that accepts the random baseline has no authentication
 * to defeat (auth.unauthenticated-access's business) and never gets a default-credential FAIL; neither does
 * a page that merely prints the strings.
 *
 * <p>Safety BRUTE: every pair is a real authentication attempt that counts toward the device's lockout. Pairs
 * are capped per surface (setting {@value #BUDGET_SETTING}, default 4 + 1 baseline), all attempts of the run
 * by the {@link AttemptLedger}'s hard budget; the check stops at the first sign of lockout (or waits up to
 * {@value #LOCKOUT_WAIT_SETTING} seconds for it to end), and every finding says how many attempts it made.
 */
public final class DefaultCredentialsCheck extends BlockingCheck {
    public static final String ID = "auth.default-credentials";
    public static final String BUDGET_SETTING = "auth.default-credentials.budget";
    /** Seconds the check may wait, in total, for a lockout to end before giving up (default 0: stop at once). */
    public static final String LOCKOUT_WAIT_SETTING = LockoutWait.SETTING;
    static final int DEFAULT_BUDGET = 4;
    static final int MQTTS_PORT = SurfaceRegistry.MQTTS_PORT;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final CheckDescriptor D = CheckDescriptor.builder(ID)
            .title("No universal default credentials")
            .requirements("S1.1-02", "EN-5.1-1")
            .protocols(SurfaceRegistry.protocols())
            .safety(Safety.BRUTE)
            .produces(AuthFacts.ACCEPTED_LOGIN)
            .timeout(Duration.ofSeconds(120))
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
            return CheckOutcome.notApplicable("no login surface (credential challenge, password form, login prompt,"
                    + " token login) found on " + svc.ref());
        }
        int budget = ctx.options().setting(BUDGET_SETTING).map(Integer::parseInt).orElse(DEFAULT_BUDGET);
        AttemptLedger ledger = AttemptLedger.of(ctx.options());
        LockoutWait wait = LockoutWait.of(ctx.options());
        List<Finding> findings = new ArrayList<>();
        for (LoginSurface s : surfaces) {
            List<CredentialList.Entry> pairs = CredentialList.forSurface(
                    ctx.classification() == null ? null : ctx.classification().category(), ctx.options(), s);
            findings.add(prove(ctx, s, pairs, budget, wait, ledger));
        }
        return CheckOutcome.completed(findings);
    }

    static String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Retries while the answer is a lockout and the wait allows it (each retry is a counted attempt). */
    private static LoginSurface.Observation waitingOut(LoginSurface surface, LoginSurface.Observation o, String user,
                                                        String password, LockoutWait wait, AttemptLedger ledger) throws IOException {
        while (o.lockout() && !ledger.spent() && wait.pause()) o = ledger.attempt(surface, user, password).observation();
        return o;
    }

    static Finding prove(CheckContext ctx, LoginSurface surface, List<CredentialList.Entry> pairs, int budget,
                         LockoutWait wait, AttemptLedger ledger) throws IOException {
        String where = surface.describe();
        if (ledger.spent()) {
            return ctx.finding(Verdict.INCONCLUSIVE, where + ": not tested, the hard budget of " + ledger.max()
                    + " login attempts was spent on the other surfaces of this service. Attempts made: 0").build();
        }
        String baselineUser = "sp" + randomToken(4);
        String baselinePassword = randomToken(12);
        LoginSurface.Observation baseline = waitingOut(surface, ledger.attempt(surface, baselineUser, baselinePassword)
                .observation(), baselineUser, baselinePassword, wait, ledger); // another test may have tripped the lockout
        if (baseline.lockout()) {
            return ctx.finding(Verdict.INCONCLUSIVE, where + ": the first (baseline) attempt already met a lockout ("
                    + baseline.summary() + "); no default credential was tried. " + ledger.account(surface))
                    .traffic("baseline login attempt").build();
        }
        if (baseline.positive()) {
            return ctx.finding(Verdict.INCONCLUSIVE, where + ": random credentials were accepted (" + baseline.summary()
                    + "), so the service does not authenticate and default credentials cannot be distinguished;"
                    + " see auth.unauthenticated-access. " + ledger.account(surface))
                    .traffic("baseline login attempt with random credentials").build();
        }
        List<String> refused = new ArrayList<>();
        for (CredentialList.Entry e : pairs) {
            if (refused.size() >= budget || ledger.spent()) break;
            LoginSurface.Observation o = ledger.attempt(surface, e.user(), e.password()).observation();
            if (refused.isEmpty()) o = waitingOut(surface, o, e.user(), e.password(), wait, ledger);
            if (o.lockout()) {
                String tried = refused.isEmpty() ? "no default credential was tried" : refused.size() + " defaults refused ("
                        + String.join(", ", refused) + ")";
                Verdict v = refused.isEmpty() ? Verdict.INCONCLUSIVE : Verdict.PASS;
                return ctx.finding(v, where + ": " + tried + ", then a lockout stopped the test (" + o.summary()
                                + "). " + ledger.account(surface))
                        .traffic("baseline and default-credential attempts up to the lockout").build();
            }
            if (o.positive() && !o.signature().equals(baseline.signature())) {
                AuthFacts.AcceptedLogin login = new AuthFacts.AcceptedLogin(e.user(), e.password(), where);
                ctx.service().ifPresent(svc -> ctx.facts().put(svc.ref(), AuthFacts.ACCEPTED_LOGIN, login));
                ctx.facts().put(null, AuthFacts.ACCEPTED_LOGIN, login);
                return ctx.finding(Verdict.FAIL, where + ": the default credential " + e.user() + "/"
                                + (e.password().isEmpty() ? "<empty password>" : "<listed default>") + " is accepted ("
                                + o.summary() + ") while random credentials were refused (" + baseline.summary()
                                + "). " + ledger.account(surface))
                        .title("Default credential accepted: " + e.user())
                        .severity(Severity.CRITICAL)
                        .traffic("baseline with random credentials, then the accepted default credential").build();
            }
            refused.add(e.label());
        }
        if (refused.isEmpty()) {
            return ctx.finding(Verdict.INCONCLUSIVE, where + ": no default credential was tried (budget " + budget
                    + (ledger.spent() ? ", hard budget reached" : "") + "). " + ledger.account(surface))
                    .traffic("baseline login attempt").build();
        }
        String tried = refused.size() + " known default credentials refused (" + String.join(", ", refused)
                + "), answered like random credentials (" + baseline.summary() + ")";
        String doubt = surface.refusalDoubt();
        if (doubt != null) {
            return ctx.finding(Verdict.INCONCLUSIVE, where + ": " + tried + ", but " + doubt + ". " + ledger.account(surface))
                    .traffic("baseline and default-credential attempts").build();
        }
        return ctx.finding(Verdict.PASS, where + ": " + tried + ". " + ledger.account(surface)
                        + ". Per-unit uniqueness needs a second unit.")
                .traffic("baseline and default-credential attempts").build();
    }
}
