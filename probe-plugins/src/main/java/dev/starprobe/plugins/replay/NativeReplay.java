package dev.starprobe.plugins.replay;

import dev.starprobe.model.Finding;
import dev.starprobe.model.Service;
import dev.starprobe.model.Severity;
import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.auth.KnownLogins;
import dev.starprobe.spi.CheckContext;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The protocol-native replay test of one service, without any capture: with a valid login it makes one
 * legitimate authenticated read, then sends that request again (byte for byte, on a new connection) and
 * judges the answer against the legitimate one and a deliberately wrong password's. A new legitimate read
 * afterwards (the control) must still succeed, or refusals may have been a lockout or an outage.
 * FAIL when a judged replay is accepted; PASS when every judged replay is refused and the control succeeds;
 * INCONCLUSIVE otherwise (no valid credential known or accepted, baselines alike, throttling, no answer).
 */
final class NativeReplay {
    /** Credentials of related services: an IP camera's web, ONVIF and RTSP servers usually share one account. */
    private static final List<String> RELATED = List.of("http", "https", "onvif", "rtsp");
    /** Known logins tried before giving up: each refused one is a failed login the device counts. */
    static final int MAX_LOGINS = 2;
    private static final SecureRandom RANDOM = new SecureRandom();

    private NativeReplay() {
    }

    private record Result(Verdict verdict, String line, String head) {
    }

    /** The finding for {@code svc}: not applicable when {@code found} holds no surface. */
    static Finding run(CheckContext ctx, Service svc, NativeSurfaces.Found found) {
        if (found.surfaces().isEmpty()) {
            return ctx.finding(Verdict.NOT_APPLICABLE, "no login sent with every request was found on " + svc.ref() + " (" + found.note()
                    + "): the protocol-native test covers HTTP and RTSP Basic/Digest and ONVIF UsernameTokens; session cookies and"
                    + " bearer tokens are replayed from the app's capture (--replay)").service(svc.ref()).build();
        }
        List<Result> results = new ArrayList<>();
        for (NativeSurface s : found.surfaces()) results.add(test(ctx, svc, s));
        Verdict v = results.stream().anyMatch(r -> r.verdict() == Verdict.FAIL) ? Verdict.FAIL
                : results.stream().allMatch(r -> r.verdict() == Verdict.PASS) ? Verdict.PASS : Verdict.INCONCLUSIVE;
        String lines = String.join(" | ", results.stream().map(Result::line).toList());
        String reason = switch (v) {
            case FAIL -> results.stream().filter(r -> r.verdict() == Verdict.FAIL).findFirst().orElseThrow().head() + ". " + lines;
            case PASS -> "every replay of a legitimate authenticated request was refused: " + lines;
            default -> "not shown either way: " + lines;
        };
        var f = ctx.finding(v, reason).service(svc.ref())
                .traffic("per login surface: the wrong-password baseline, the legitimate request, its replays and the control request, in order");
        if (v == Verdict.FAIL) f.severity(Severity.MEDIUM);
        return f.build();
    }

    private static Result test(CheckContext ctx, Service svc, NativeSurface s) {
        List<KnownLogins.Login> logins = KnownLogins.candidates(ctx, svc, s.kind(), RELATED);
        if (logins.isEmpty()) {
            return inconclusive(s, "no valid credential is known, so there is no legitimate request to replay (give --credential "
                    + s.kind() + "=USER:PASSWORD or an inventory credential; a default password that auth.default-credentials"
                    + " proves is used too)", List.of());
        }
        List<String> steps = new ArrayList<>();
        try {
            NativeSurface.Fresh w = s.fresh(logins.get(0).credential().user(), wrongPassword());
            if (w.problem() != null) return inconclusive(s, w.problem(), steps);
            Judge.Answer wrong = s.send(w.bytes());
            if (wrong == null) return inconclusive(s, "no answer to the wrong-password baseline", steps);
            steps.add("wrong-password baseline " + wrong.summary());
            if (wrong.throttled()) return inconclusive(s, "the device throttles this source", steps);
            for (KnownLogins.Login login : logins.subList(0, Math.min(MAX_LOGINS, logins.size()))) {
                NativeSurface.Fresh legit = s.fresh(login.credential().user(), login.credential().secret());
                if (legit.problem() != null) return inconclusive(s, legit.problem(), steps);
                Judge.Answer a = s.send(legit.bytes());
                if (a == null) return inconclusive(s, "no answer to the legitimate request", steps);
                if (a.throttled()) return inconclusive(s, "the legitimate request was throttled (" + a.summary() + ")", steps);
                if (Judge.sameAnswer(a, wrong)) {
                    steps.add("login " + login + " " + a.summary());
                    String what = s.positive(a) ? "a wrong password gets the same answer as the valid login, so the login is not shown to matter"
                            : "the login was refused like a wrong password";
                    if (s.positive(a)) return inconclusive(s, what + ": no replay can be judged", steps);
                    steps.add(what);
                    continue;
                }
                if (!s.positive(a)) {
                    steps.add("login " + login + " refused: " + a.summary());
                    continue;
                }
                steps.add("legitimate request with login " + login + " " + a.summary());
                return replays(s, login, legit, a, wrong, steps);
            }
            return inconclusive(s, "no known credential was accepted, so there is no legitimate request to replay", steps);
        } catch (IOException e) {
            return inconclusive(s, "an exchange failed: " + e.getMessage(), steps);
        }
    }

    private static Result replays(NativeSurface s, KnownLogins.Login login, NativeSurface.Fresh legit, Judge.Answer a,
                                  Judge.Answer wrong, List<String> steps) throws IOException {
        String user = login.credential().user();
        String password = login.credential().secret();
        String accepted = null;
        boolean allRejected = true;
        for (NativeSurface.Replay r : s.replays(legit, user, password)) {
            Decision d = Judge.againstBaselines(a, wrong, s.send(r.bytes()));
            String outcome = d.outcome().name().toLowerCase(Locale.ROOT);
            steps.add("replay " + r.name() + ": " + (r.judged() ? outcome : outcome + ", shown, not judged") + " (" + d.why() + ")");
            if (!r.judged()) continue;
            if (d.outcome() == Decision.Outcome.ACCEPTED && accepted == null) accepted = r.name() + ": " + d.why();
            allRejected &= d.outcome() == Decision.Outcome.REJECTED;
        }
        if (accepted != null) {
            String head = s.describe() + ": a replay of the legitimate request was accepted " + accepted + "; " + s.freshnessNote();
            return new Result(Verdict.FAIL, line(s, steps), head);
        }
        NativeSurface.Fresh c = s.fresh(user, password);
        Judge.Answer control = c.problem() == null ? s.send(c.bytes()) : null;
        boolean controlOk = control != null && s.positive(control) && !Judge.sameAnswer(control, wrong);
        steps.add("control request " + (control == null ? (c.problem() == null ? "unanswered" : c.problem())
                : control.summary() + (controlOk ? ", accepted" : ", refused")));
        if (allRejected && controlOk) return new Result(Verdict.PASS, line(s, steps), null);
        String why = allRejected ? "the refusals prove nothing: the valid credential was not accepted afterwards either (a lockout or an outage)"
                : "not every replay was shown refused";
        return inconclusive(s, why, steps);
    }

    private static Result inconclusive(NativeSurface s, String why, List<String> steps) {
        return new Result(Verdict.INCONCLUSIVE, s.describe() + ": " + why + (steps.isEmpty() ? "" : " [" + String.join("; ", steps) + "]"), null);
    }

    private static String line(NativeSurface s, List<String> steps) {
        return s.describe() + ": " + String.join("; ", steps);
    }

    private static String wrongPassword() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return "starprobe-wrong-" + HexFormat.of().formatHex(b);
    }
}
