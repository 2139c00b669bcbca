package dev.starprobe.plugins.tls;

import dev.starprobe.model.EvidenceRef;
import dev.starprobe.model.Finding;
import dev.starprobe.model.NetworkFailure;
import dev.starprobe.model.Service;
import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.tls.policy.Observation;
import dev.starprobe.plugins.tls.policy.TlsPolicy;
import dev.starprobe.spi.Check;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The same TLS/DTLS key on several devices of one scan. A cross-device question: the check is
 * scan-level, so the engine runs it once per device after every device's own checks, and it
 * compares this device's certificate identities (facts from tls.certificate and
 * dtls.cipher-suites) with those of all other devices. No traffic of its own.
 */
public final class KeyReuseCheck implements Check {
    private static final CheckDescriptor D = CheckDescriptor.builder("tls.key-reuse")
            .title("Each device has its own TLS/DTLS key")
            .requirements("S1.1-12", "EN-5.5-1")
            .scanLevel()
            .consumes(TlsFacts.CERTIFICATE, TlsFacts.DTLS_CERTIFICATES)
            .timeout(Duration.ofSeconds(10))
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return D;
    }

    /** One device's identities, TLS services and DTLS endpoints together. */
    static List<CertificateIdentity> identities(List<Service> services, dev.starprobe.spi.Facts facts) {
        List<CertificateIdentity> out = new ArrayList<>();
        for (Service s : services) facts.get(s.ref(), TlsFacts.CERTIFICATE).ifPresent(out::add);
        facts.device(TlsFacts.DTLS_CERTIFICATES).ifPresent(d -> out.addAll(d.identities()));
        return out;
    }

    @Override
    public CompletionStage<CheckOutcome> run(CheckContext ctx) {
        return CompletableFuture.completedFuture(judge(ctx));
    }

    private static CheckOutcome judge(CheckContext ctx) {
        TlsPolicy policy;
        try {
            policy = TlsPolicy.forOptions(ctx.options());
        } catch (TlsPolicy.PolicyException e) {
            return CheckOutcome.failed(NetworkFailure.OTHER, e.getMessage());
        }
        List<CertificateIdentity> mine = identities(ctx.services(), ctx.facts());
        if (mine.isEmpty()) return CheckOutcome.notApplicable("no TLS or DTLS certificate was read on this device");
        String self = ctx.device().address().getHostAddress();
        StringBuilder table = new StringBuilder("Certificate keys (SHA-256 of SubjectPublicKeyInfo) by device in this scan\n\n");
        int others = 0;
        List<String[]> theirs = new ArrayList<>(); // device, where, key, cert
        for (CheckContext.ScanPeer p : ctx.peers()) {
            String addr = p.device().address().getHostAddress();
            for (CertificateIdentity id : identities(p.services(), p.facts())) {
                table.append(addr).append(' ').append(id.where()).append("  key ").append(id.keySha256())
                        .append("  cert ").append(id.certificateSha256()).append("  ").append(id.subject()).append('\n');
                if (!p.device().equals(ctx.device())) {
                    theirs.add(new String[]{addr, id.where(), id.keySha256(), id.certificateSha256()});
                }
            }
            if (!p.device().equals(ctx.device()) && !identities(p.services(), p.facts()).isEmpty()) others++;
        }
        List<EvidenceRef> ev = new ArrayList<>();
        ev.add(ctx.evidence().file("key-comparison", "keys.txt", table.toString().getBytes(StandardCharsets.UTF_8),
                "certificate keys of every device in the scan"));
        // said outright rather than left to look like a missing capture: this check sends nothing
        ev.add(EvidenceRef.missing("pcap", "no traffic of its own: it compares the certificates that each device's"
                + " tls.certificate run received (see those findings' captures)"));
        if (others == 0) {
            return CheckOutcome.completed(Findings.of(ctx, Verdict.INCONCLUSIVE, "no other device in this scan presented a TLS/DTLS"
                    + " certificate: per-unit keys can only be tested by scanning two or more units of the product together", ev));
        }
        List<Observation> obs = new ArrayList<>();
        for (CertificateIdentity id : mine) {
            List<String> same = new ArrayList<>();
            for (String[] t : theirs) {
                if (t[2].equals(id.keySha256())) same.add(t[0] + " " + t[1] + (t[3].equals(id.certificateSha256()) ? " (same certificate)" : " (same key)"));
            }
            obs.add(Observation.of("certificate", "key of " + self + " " + id.where() + " " + id.subject()
                            + (same.isEmpty() ? "" : " = " + String.join(", ", same)))
                    .with("position", "leaf").with("sharedWithOtherDevices", !same.isEmpty()).build());
        }
        List<Finding> out = new ArrayList<>(Findings.fromHits(ctx, policy, policy.evaluate(obs), "this device", ev));
        if (!Findings.decided(out)) {
            out.add(Findings.of(ctx, Verdict.PASS, mine.size() + " certificate key(s) of " + self + " differ from those of the "
                    + others + " other device(s) with certificates in this scan", ev));
        }
        return CheckOutcome.completed(out);
    }
}
