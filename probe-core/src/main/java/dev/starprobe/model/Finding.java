package dev.starprobe.model;

import java.util.List;
import java.util.Objects;

/**
 * One conclusion of one check about one device or service.
 *
 * @param checkId      the check that produced it
 * @param title        short statement of what was tested
 * @param requirements requirement IDs (JC-STAR "S1.1-12", EN 303 645 "EN-5.5-1") this finding supports
 * @param verdict      the conclusion
 * @param severity     how bad a FAIL is
 * @param reason       a sentence a person can read: why this verdict
 * @param service      the service it concerns, or null for a device-level finding
 * @param evidence     what backs it
 */
public record Finding(String checkId, String title, List<String> requirements, Verdict verdict,
                      Severity severity, String reason, ServiceRef service, List<EvidenceRef> evidence) {
    public Finding {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        requirements = List.copyOf(requirements);
        evidence = List.copyOf(evidence);
        severity = severity == null ? Severity.INFO : severity;
    }

    public Finding withEvidence(List<EvidenceRef> more) {
        var all = new java.util.ArrayList<>(evidence);
        all.addAll(more);
        return new Finding(checkId, title, requirements, verdict, severity, reason, service, all);
    }
}
