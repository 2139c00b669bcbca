package dev.starprobe.plugins.auth;

import dev.starprobe.model.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges the samples of one surface. Three features are compared between the known account and unknown
 * names: status and meaningful headers, normalised body (Fisher's exact test on each value's share) and
 * latency (Mann-Whitney U, and only a shift of at least min-effect-ms counts), each at alpha / 3 so that
 * the whole test keeps the configured alpha. FAIL names each differing feature with its statistics. PASS
 * needs min-samples pairs and a latency test able to see a shift of max-undetected-ms with the configured
 * power; otherwise INCONCLUSIVE says what was missing.
 */
final class EnumerationJudgement {
    private static final int FEATURES = 3;

    record Judgement(Verdict verdict, String reason) {
    }

    private EnumerationJudgement() {
    }

    static Judgement judge(EnumerationSampler.Samples s, EnumerationSettings cfg) {
        int n = s.known().size();
        String attempts = " Logins: " + s.failedAttempts() + " failed, " + s.knownLogins() + " with the known credential.";
        if (n == 0) {
            return new Judgement(Verdict.INCONCLUSIVE, "no sample was taken: " + s.stoppedBy() + "." + attempts);
        }
        double each = cfg.alpha() / FEATURES;
        List<String> differences = new ArrayList<>();
        List<String> alike = new ArrayList<>();

        List<String> kh = s.known().stream().map(EnumerationSurface.Answer::headline).toList();
        List<String> uh = s.unknown().stream().map(EnumerationSurface.Answer::headline).toList();
        TwoSampleTests.CategoryResult head = TwoSampleTests.categories(kh, uh);
        if (head.p() < each) {
            differences.add("status/headers: '" + head.value() + "' in " + head.countA() + "/" + n + " answers for the known"
                    + " user vs " + head.countB() + "/" + n + " for unknown users (known: " + mostCommon(kh) + "; unknown: "
                    + mostCommon(uh) + "), Fisher p=" + fmtP(head.p()));
        } else {
            alike.add("status/headers " + mostCommon(kh));
        }

        List<String> kb = s.known().stream().map(EnumerationSurface.Answer::body).toList();
        List<String> ub = s.unknown().stream().map(EnumerationSurface.Answer::body).toList();
        TwoSampleTests.CategoryResult body = TwoSampleTests.categories(kb, ub);
        if (body.p() < each) {
            String a = mode(kb);
            String b = mode(ub);
            differences.add("body: known user " + AnswerNormaliser.firstDifference(a, b) + " unknown user (" + a.length()
                    + " vs " + b.length() + " characters after normalising; the value differing most is in " + body.countA()
                    + "/" + n + " vs " + body.countB() + "/" + n + " answers), Fisher p=" + fmtP(body.p()));
        } else {
            alike.add(kb.stream().distinct().count() == 1 && ub.equals(kb) ? "identical normalised bodies"
                    : "bodies without a significant difference");
        }

        double[] kt = s.known().stream().mapToDouble(EnumerationSurface.Answer::millis).toArray();
        double[] ut = s.unknown().stream().mapToDouble(EnumerationSurface.Answer::millis).toArray();
        TwoSampleTests.RankResult t = TwoSampleTests.mannWhitney(kt, ut);
        String latency = String.format(Locale.ROOT, "latency median %.1f ms (known user) vs %.1f ms (unknown users),"
                + " shift %.1f ms, Mann-Whitney U=%.0f, p=%s", t.medianA(), t.medianB(), t.shift(), t.u(), fmtP(t.p()));
        if (t.p() < each && Math.abs(t.shift()) >= cfg.minEffectMs()) {
            differences.add(latency);
        }

        String design = String.format(Locale.ROOT, " (%d interleaved pairs, alpha %s split over %d features: %s each)",
                n, fmt(cfg.alpha()), FEATURES, fmtP(each));
        if (!differences.isEmpty()) {
            return new Judgement(Verdict.FAIL, "the answers tell an existing user name from an unknown one: "
                    + String.join("; ", differences) + design + "." + attempts);
        }
        String same = String.join(", ", alike) + ", " + latency;
        if (n < cfg.minSamples()) {
            return new Judgement(Verdict.INCONCLUSIVE, "only " + n + " pairs (at least " + cfg.minSamples() + " needed)"
                    + (s.stoppedBy() == null ? "" : ": " + s.stoppedBy()) + "; no difference in those: " + same + design + "." + attempts);
        }
        double detectable = TwoSampleTests.detectableShift(kt, ut, each, cfg.power());
        String power = String.format(Locale.ROOT, "a latency shift of %.1f ms would have been detected with power %s",
                detectable, fmt(cfg.power()));
        if (detectable > cfg.maxUndetectedMs()) {
            return new Judgement(Verdict.INCONCLUSIVE, "no difference found, but latency is too noisy to rule out a timing"
                    + " difference: " + power + " (more than " + fmt(cfg.maxUndetectedMs()) + " ms); " + same + design + "." + attempts);
        }
        return new Judgement(Verdict.PASS, "an existing and unknown user names are answered alike: " + same + "; " + power
                + design + (s.stoppedBy() == null ? "" : "; sampling ended early: " + s.stoppedBy()) + "." + attempts);
    }

    private static String mostCommon(List<String> xs) {
        String m = mode(xs);
        long c = xs.stream().filter(m::equals).count();
        return "'" + Surfaces.printable(m) + "'" + (c == xs.size() ? "" : " in " + c + "/" + xs.size());
    }

    private static String mode(List<String> xs) {
        return xs.stream().reduce((a, b) -> xs.stream().filter(a::equals).count() >= xs.stream().filter(b::equals).count() ? a : b)
                .orElse("");
    }

    private static String fmtP(double p) {
        return p < 0.001 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
    }
}
