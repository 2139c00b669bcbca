package dev.starprobe.plugins.tls;

import dev.starprobe.model.EvidenceRef;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.tls.policy.Observation;
import dev.starprobe.plugins.tls.policy.TlsPolicy;
import dev.starprobe.plugins.tls.wire.ServerHello;
import dev.starprobe.plugins.tls.wire.Suites;
import dev.starprobe.plugins.tls.wire.TlsVersion;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.NetworkException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Which protocol versions a TLS service accepts: one hand-built ClientHello per version (SSLv3,
 * which no current library can offer, included), each offering every suite that version can
 * negotiate, so a refusal means the version and not a suite mismatch. Five connections at most;
 * newest versions first, and it gives up after two that yield no TLS at all.
 */
public final class ProtocolsCheck extends PolicyCheck {
    static final List<TlsVersion> ORDER = List.of(TlsVersion.TLS12, TlsVersion.TLS13, TlsVersion.TLS11,
            TlsVersion.TLS10, TlsVersion.SSL3);

    private static final CheckDescriptor D = CheckDescriptor.builder("tls.protocols")
            .title("TLS protocol versions accepted")
            .requirements("S1.1-12", "EN-5.5-1")
            .produces(TlsFacts.PROTOCOLS)
            .timeout(Duration.ofSeconds(60))
            .build();

    public ProtocolsCheck() {
        super(D);
    }

    @Override
    protected CheckOutcome run(CheckContext ctx, TlsPolicy policy) throws Exception {
        HelloProbe probe = TlsTarget.probe(ctx);
        List<VersionProbe> probes;
        try {
            probes = ProtocolChecks.probeVersions(probe, ORDER, TlsTarget.serverName(ctx));
        } catch (NetworkException e) {
            // nothing ever connected: the service is unreachable, which is an execution error, not a verdict
            return CheckOutcome.failed(e.failure(), "cannot connect to " + TlsTarget.where(ctx) + ": " + e.getMessage());
        }
        ProtocolSupport support = new ProtocolSupport(probes);
        ctx.facts().put(ctx.service().orElseThrow().ref(), TlsFacts.PROTOCOLS, support);
        String where = TlsTarget.where(ctx);
        List<EvidenceRef> ev = Findings.traffic(ctx, "one ClientHello per protocol version on " + where);
        return CheckOutcome.completed(ProtocolChecks.judge(ctx, policy, support, where, ev, false));
    }

}
