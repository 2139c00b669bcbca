package dev.starprobe.plugins.auth;

import dev.starprobe.model.Service;
import dev.starprobe.model.Severity;
import dev.starprobe.model.Verdict;
import dev.starprobe.spi.BlockingCheck;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.CheckTarget;
import dev.starprobe.spi.Safety;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * S1.1-04 for the device as a whole, from auth.brute-force's per-interface results (no traffic of its own):
 * a lockout on one interface protects nothing when another interface lets an attacker guess the same secret
 * at full speed. FAIL when any measured interface is unthrottled, naming the interfaces that lock out and
 * share its account (the same supplied credential logged in on both); PASS only when every interface with a
 * login surface was measured and throttles; INCONCLUSIVE when some could not be measured.
 */
public final class BruteForceDeviceCheck extends BlockingCheck {
    public static final String ID = "auth.brute-force.device";
    private static final BruteForceCheck BURST = new BruteForceCheck();

    private static final CheckDescriptor D = CheckDescriptor.builder(ID)
            .title("No interface lets an attacker guess a password the others protect")
            .requirements("S1.1-04", "EN-5.1-5")
            .deviceLevel()
            .consumes(BruteForceCheck.RESULT)
            .safety(Safety.SAFE)
            .timeout(Duration.ofSeconds(5))
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return D;
    }

    @Override
    protected CheckOutcome runBlocking(CheckContext ctx) {
        List<BruteForceCheck.InterfaceResult> measured = new ArrayList<>();
        List<String> unmeasured = new ArrayList<>();
        for (Service s : ctx.services()) {
            Optional<BruteForceCheck.InterfaceResult> r = ctx.facts().get(s.ref(), BruteForceCheck.RESULT);
            if (r.isPresent()) {
                if (r.get().verdict() != Verdict.NOT_APPLICABLE) measured.add(r.get());
            } else if (BURST.appliesTo(new CheckTarget(ctx.device(), ctx.services(), s, ctx.classification())).applies()) {
                unmeasured.add(s.ref().toString());
            }
        }
        if (measured.isEmpty()) {
            return unmeasured.isEmpty() ? CheckOutcome.notApplicable("no interface with a login surface")
                    : CheckOutcome.skipped("auth.brute-force measured no interface (" + String.join(", ", unmeasured)
                    + "): BRUTE not allowed, or the runs ended without a result");
        }
        List<BruteForceCheck.InterfaceResult> open = measured.stream().filter(r -> r.verdict() == Verdict.FAIL).toList();
        List<BruteForceCheck.InterfaceResult> locking = measured.stream().filter(r -> r.verdict() == Verdict.PASS).toList();
        if (!open.isEmpty()) {
            StringBuilder why = new StringBuilder();
            for (BruteForceCheck.InterfaceResult o : open) {
                List<String> sharing = locking.stream().filter(l -> o.account() != null && o.account().equals(l.account()))
                        .map(BruteForceCheck.InterfaceResult::where).toList();
                why.append(sharing.isEmpty() ? o.where() + " is unthrottled"
                        : o.where() + " is unthrottled although " + String.join(" and ", sharing) + " lock" + (sharing.size() == 1 ? "s" : "")
                        + " out, with the same account (the supplied credential '" + o.account().replaceFirst(":.*", "")
                        + "' logs in on both): guessing there bypasses the lockout").append("; ");
            }
            return done(ctx, measured, Verdict.FAIL, why + "one unthrottled interface is enough for an attacker, whatever the others do"
                    + (locking.isEmpty() ? "" : " (throttled: " + names(locking) + ")"));
        }
        List<BruteForceCheck.InterfaceResult> undecided = measured.stream().filter(r -> r.verdict() != Verdict.PASS).toList();
        if (!undecided.isEmpty() || !unmeasured.isEmpty()) {
            return done(ctx, measured, Verdict.INCONCLUSIVE, "throttled: " + (locking.isEmpty() ? "none" : names(locking))
                    + "; not decided: " + (undecided.isEmpty() ? "none" : names(undecided))
                    + (unmeasured.isEmpty() ? "" : "; not measured: " + String.join(", ", unmeasured)));
        }
        return done(ctx, measured, Verdict.PASS, "every interface with a login throttles or locks out: " + names(locking));
    }

    private static String names(List<BruteForceCheck.InterfaceResult> rs) {
        return rs.stream().map(BruteForceCheck.InterfaceResult::where).collect(Collectors.joining(", "));
    }

    private static CheckOutcome done(CheckContext ctx, List<BruteForceCheck.InterfaceResult> measured, Verdict v, String reason) {
        StringBuilder table = new StringBuilder();
        for (BruteForceCheck.InterfaceResult r : measured) table.append(r.verdict()).append("  ").append(r.reason()).append('\n');
        var f = ctx.finding(v, reason + ". From auth.brute-force's per-interface results; this check sends no traffic.")
                .evidence(ctx.evidence().file("brute-force-interfaces", "interfaces.txt",
                        table.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "the per-interface auth.brute-force results this device-level verdict rests on"))
                .evidence(dev.starprobe.model.EvidenceRef.missing("pcap", "no traffic of its own: it judges the device from"
                        + " auth.brute-force's per-interface results (see those findings' captures)"));
        if (v == Verdict.FAIL) f.severity(Severity.HIGH);
        return CheckOutcome.completed(f.build());
    }
}
