package dev.starprobe.plugins.tls;

import dev.starprobe.model.EvidenceRef;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Severity;
import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.tls.policy.Observation;
import dev.starprobe.plugins.tls.policy.Rule;
import dev.starprobe.plugins.tls.policy.TlsPolicy;
import dev.starprobe.spi.CheckContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns policy hits into findings: one finding per rule that matched, naming the rule, its basis
 * and everything that matched it, with the check's evidence attached.
 */
public final class Findings {
    private Findings() {
    }

    public static List<Finding> fromHits(CheckContext ctx, TlsPolicy policy, List<TlsPolicy.Hit> hits, String where,
                                         List<EvidenceRef> evidence) {
        List<Finding> out = new ArrayList<>();
        for (TlsPolicy.Hit h : hits) {
            Rule r = h.rule();
            boolean forbidden = r.level() == Rule.Level.FORBIDDEN;
            String reason = (forbidden ? "" : "Tolerated by the policy: ") + r.title() + " on " + where + ": "
                    + String.join(", ", labels(h.observations())) + ". Rule " + r.id() + " of policy '" + policy.name()
                    + "'" + (r.basis().isBlank() ? "" : ": " + r.basis());
            var b = ctx.finding(forbidden ? Verdict.FAIL : Verdict.PASS, reason)
                    .title(r.id() + ": " + r.title())
                    .severity(r.severity())
                    .requirements(r.requirements().toArray(String[]::new));
            evidence.forEach(b::evidence);
            out.add(b.build());
        }
        return out;
    }

    /** Observation labels, merging the same label seen in several versions ("X (TLSv1.0, TLSv1.2)"). */
    static List<String> labels(List<Observation> observations) {
        Map<String, Set<String>> versions = new LinkedHashMap<>();
        for (Observation o : observations) {
            Set<String> vs = versions.computeIfAbsent(o.label(), k -> new LinkedHashSet<>());
            Object v = o.attributes().get("version");
            if (v != null) vs.add(v.toString());
        }
        List<String> out = new ArrayList<>();
        versions.forEach((label, vs) -> out.add(vs.isEmpty() ? label : label + " (" + String.join(", ", vs) + ")"));
        return out;
    }

    public static Finding of(CheckContext ctx, Verdict verdict, String reason, List<EvidenceRef> evidence) {
        var b = ctx.finding(verdict, reason).severity(verdict == Verdict.FAIL ? Severity.HIGH : Severity.INFO);
        evidence.forEach(b::evidence);
        return b.build();
    }

    /** True when a FAIL or INCONCLUSIVE finding is among them: a summary PASS would then be wrong. */
    public static boolean decided(List<Finding> findings) {
        return findings.stream().anyMatch(f -> f.verdict() == Verdict.FAIL || f.verdict() == Verdict.INCONCLUSIVE);
    }

    /** The transcripts of every connection the check made, as one evidence file. */
    public static List<EvidenceRef> traffic(CheckContext ctx, String note) {
        var t = ctx.net().transcripts();
        if (t.isEmpty()) return new ArrayList<>();
        List<EvidenceRef> l = new ArrayList<>();
        l.add(ctx.evidence().transcripts(t, note));
        return l;
    }
}
