package dev.starprobe.plugins.tls;

import dev.starprobe.model.EvidenceRef;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.tls.policy.Observation;
import dev.starprobe.plugins.tls.policy.TlsPolicy;
import dev.starprobe.plugins.tls.wire.Suites;
import dev.starprobe.plugins.tls.wire.TlsVersion;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.NetworkException;
import org.bouncycastle.tls.ProtocolVersion;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The server certificate: key, signature hash, validity, self-signed or issued, names against the
 * device, chain order. Reuses the certificates tls.protocols saw in clear-text first flights (TLS
 * 1.2 and older); only a TLS 1.3-only server costs one more, full handshake. Publishes the leaf's
 * identity so the scan-level tls.key-reuse check can compare devices.
 */
public final class CertificateCheck extends PolicyCheck {
    private static final CheckDescriptor D = CheckDescriptor.builder("tls.certificate")
            .title("TLS server certificate: key, signature, validity, names")
            .requirements("S1.1-12", "EN-5.5-1")
            .consumes(TlsFacts.PROTOCOLS)
            .produces(TlsFacts.CERTIFICATE)
            .timeout(Duration.ofSeconds(30))
            .build();

    public CertificateCheck() {
        super(D);
    }

    @Override
    protected CheckOutcome run(CheckContext ctx, TlsPolicy policy) throws Exception {
        var ref = ctx.service().orElseThrow().ref();
        Optional<ProtocolSupport> protocols = ctx.facts().get(ref, TlsFacts.PROTOCOLS);
        if (protocols.isEmpty()) return CheckOutcome.skipped("tls.protocols did not complete on " + ref + ": no handshake to read a certificate from");
        String where = TlsTarget.where(ctx);
        List<TlsVersion> accepted = protocols.get().accepted();
        if (accepted.isEmpty()) {
            return CheckOutcome.completed(Findings.of(ctx, Verdict.INCONCLUSIVE,
                    "no protocol version was accepted on " + where + ", so no certificate was seen", List.of()));
        }
        List<List<byte[]>> chains = new ArrayList<>(protocols.get().chains());
        String source = "the clear-text first flight of tls.protocols' handshakes";
        if (chains.isEmpty() && accepted.contains(TlsVersion.TLS13)) {
            int[] suites = Suites.builtIn().validIn(TlsVersion.TLS13).stream().mapToInt(s -> s.code()).toArray();
            try {
                BcHandshake.Outcome o = BcHandshake.run(ctx.net(), TlsTarget.port(ctx), TlsTarget.handshakeTimeout(ctx),
                        new ProtocolVersion[]{ProtocolVersion.TLSv13}, suites, null, Duration.ZERO);
                if (!o.chain().isEmpty()) chains.add(o.chain());
                source = "a complete TLS 1.3 handshake" + (o.completed() ? "" : " (" + o.error() + ")");
            } catch (NetworkException e) {
                return CheckOutcome.failed(e.failure(), "cannot connect to " + where + ": " + e.getMessage());
            }
        }
        List<EvidenceRef> ev = Findings.traffic(ctx, "handshake that carried the certificate on " + where);
        if (chains.isEmpty()) {
            return CheckOutcome.completed(Findings.of(ctx, Verdict.INCONCLUSIVE, "the server on " + where
                    + " sent no certificate in " + source + " (anonymous or pre-shared-key suites: see tls.cipher-suites)", ev));
        }
        List<Observation> obs = new ArrayList<>();
        List<String> described = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        Instant now = Instant.now();
        int c = 0;
        for (List<byte[]> chain : chains) {
            c++;
            List<CertificateInfo> infos = CertificateInspector.inspect(chain, ctx.device().address(), ctx.device().names(), now);
            for (CertificateInfo info : infos) {
                ev.add(ctx.evidence().file("certificate", "port" + TlsTarget.port(ctx) + "-chain" + c + "-" + info.index() + ".pem",
                        pem(chain.get(info.index())), "certificate #" + info.index() + " of chain " + c + " sent on " + where
                                + ", from " + source));
                if (info.error() != null) {
                    unreadable.add("#" + info.index() + ": " + info.error());
                    continue;
                }
                obs.add(observation(info, now, false));
                described.add(info.describe());
            }
            if (c == 1 && infos.get(0).error() == null) {
                CertificateInfo leaf = infos.get(0);
                ctx.facts().put(ref, TlsFacts.CERTIFICATE,
                        new CertificateIdentity(leaf.sha256(), leaf.keySha256(), leaf.subject(), ref.port() + "/tcp"));
            }
        }
        List<Finding> out = new ArrayList<>(Findings.fromHits(ctx, policy, policy.evaluate(obs), where, ev));
        if (!unreadable.isEmpty()) {
            out.add(Findings.of(ctx, Verdict.INCONCLUSIVE, "certificates on " + where + " could not be read: " + unreadable, ev));
        }
        if (!Findings.decided(out)) {
            out.add(Findings.of(ctx, Verdict.PASS, "the certificate on " + where + " meets policy '" + policy.name() + "': "
                    + String.join("; ", described), ev));
        }
        return CheckOutcome.completed(out);
    }

    /** A certificate as the policy sees it. A root the server appends signs itself: its own hash does not matter. */
    public static Observation observation(CertificateInfo i, Instant now, boolean dtls) {
        boolean appendedRoot = i.index() > 0 && i.selfSigned();
        return Observation.of("certificate", (i.index() == 0 ? "leaf " : "chain #" + i.index() + " ") + i.subject()
                        + " (" + i.keyType() + " " + i.keyBits() + ", " + i.signatureAlgorithm() + ", until " + i.notAfter() + ")")
                .with("position", i.position()).with("keyType", i.keyType()).with("keyBits", i.keyBits())
                .with("signatureHash", appendedRoot ? null : i.signatureHash())
                .with("signatureAlgorithm", i.signatureAlgorithm())
                .with("expired", now.isAfter(i.notAfter())).with("notYetValid", now.isBefore(i.notBefore()))
                .with("validityDays", i.validityDays()).with("selfSigned", i.selfSigned())
                .with("nameMatches", i.nameMatches()).with("issuerVerified", i.issuerVerified())
                .with("dtls", dtls).build();
    }

    public static byte[] pem(byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return ("-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII);
    }
}
