package dev.starprobe.plugins.dtls;

import dev.starprobe.model.EvidenceRef;
import dev.starprobe.model.Finding;
import dev.starprobe.model.NetworkFailure;
import dev.starprobe.plugins.tls.Findings;
import dev.starprobe.plugins.tls.ProtocolChecks;
import dev.starprobe.plugins.tls.ProtocolSupport;
import dev.starprobe.plugins.tls.VersionProbe;
import dev.starprobe.plugins.tls.policy.TlsPolicy;
import dev.starprobe.plugins.tls.wire.TlsVersion;
import dev.starprobe.spi.BlockingCheck;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.NetworkException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * DTLS versions accepted on the device's DTLS ports (CoAPs 5684 by default): one hand-built
 * ClientHello per version (1.2, 1.3, 1.0) with the cookie exchange, over engine UDP sessions.
 * Scandium itself only speaks DTLS 1.2, so it cannot ask for 1.0 or 1.3; hand-built hellos can.
 */
public final class DtlsProtocolsCheck extends BlockingCheck {
    static final List<TlsVersion> ORDER = List.of(TlsVersion.DTLS12, TlsVersion.DTLS13, TlsVersion.DTLS10);

    private static final CheckDescriptor D = CheckDescriptor.builder("dtls.protocols")
            .title("DTLS protocol versions accepted")
            .requirements("S1.1-12", "EN-5.5-1")
            .deviceLevel()
            .produces(DtlsEndpoints.KEY)
            .timeout(Duration.ofSeconds(60))
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return D;
    }

    @Override
    protected CheckOutcome runBlocking(CheckContext ctx) throws Exception {
        TlsPolicy policy;
        try {
            policy = TlsPolicy.forOptions(ctx.options());
        } catch (TlsPolicy.PolicyException e) {
            return CheckOutcome.failed(NetworkFailure.OTHER, e.getMessage());
        }
        List<DtlsEndpoints.Endpoint> found = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (int port : DtlsTargets.ports(ctx)) {
            DtlsHelloProbe probe = new DtlsHelloProbe(ctx.net(), port, DtlsTargets.handshake(ctx));
            List<VersionProbe> probes;
            try {
                probes = ProtocolChecks.probeVersions(probe, ORDER, null);
            } catch (NetworkException e) {
                absent.add(DtlsTargets.where(port) + ": " + (e.failure() == NetworkFailure.REFUSED ? "closed (ICMP port unreachable)" : e.getMessage()));
                continue;
            }
            if (probes.stream().noneMatch(p -> p.flight() != null && p.flight().bytes() > 0)) {
                absent.add(DtlsTargets.where(port) + ": no answer to DTLS ClientHellos (closed or filtered: UDP silence cannot tell)");
                continue;
            }
            found.add(new DtlsEndpoints.Endpoint(port, new ProtocolSupport(silenceIsRefusal(probes))));
        }
        ctx.facts().put(null, DtlsEndpoints.KEY, new DtlsEndpoints(found));
        if (found.isEmpty()) return CheckOutcome.notApplicable("no DTLS service: " + String.join("; ", absent));
        List<Finding> out = new ArrayList<>();
        List<EvidenceRef> ev = Findings.traffic(ctx, "one DTLS ClientHello per version on " + found.size() + " UDP port(s)");
        for (DtlsEndpoints.Endpoint e : found) {
            out.addAll(DtlsTargets.about(e.port(), ProtocolChecks.judge(ctx, policy, e.support(), DtlsTargets.where(e.port()), ev, true)));
        }
        return CheckOutcome.completed(out);
    }

    /**
     * Over UDP a refusal is often silence. When the same server answered another version at once,
     * silence for the whole deadline is a refusal, not an unknown.
     */
    static List<VersionProbe> silenceIsRefusal(List<VersionProbe> probes) {
        boolean someAnswer = probes.stream().anyMatch(VersionProbe::accepted);
        if (!someAnswer) return probes;
        return probes.stream().map(p -> p.status() == VersionProbe.Status.UNKNOWN && p.flight() != null && p.flight().bytes() == 0
                ? new VersionProbe(p.version(), VersionProbe.Status.REFUSED,
                "no answer, while " + ProtocolChecks.acceptedLabel(probes) + " was answered at once: refused by silence", p.flight())
                : p).toList();
    }
}
