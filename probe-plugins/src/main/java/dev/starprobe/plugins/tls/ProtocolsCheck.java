package dev.starprobe.plugins.tls;

import dev.starprobe.model.EvidenceRef;
import dev.starprobe.model.Finding;
import dev.starprobe.model.NetworkFailure;
import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.tls.policy.Observation;
import dev.starprobe.plugins.tls.policy.TlsPolicy;
import dev.starprobe.plugins.tls.wire.ServerHello;
import dev.starprobe.plugins.tls.wire.Suites;
import dev.starprobe.plugins.tls.wire.TlsVersion;
import dev.starprobe.spi.Applicability;
import dev.starprobe.spi.BlockingCheck;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.CheckTarget;
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
public final class ProtocolsCheck extends BlockingCheck {
    static final List<TlsVersion> ORDER = List.of(TlsVersion.TLS12, TlsVersion.TLS13, TlsVersion.TLS11,
            TlsVersion.TLS10, TlsVersion.SSL3);

    private static final CheckDescriptor D = CheckDescriptor.builder("tls.protocols")
            .title("TLS protocol versions accepted")
            .requirements("S1.1-12", "EN-5.5-1")
            .produces(TlsFacts.PROTOCOLS)
            .timeout(Duration.ofSeconds(60))
            .build();

    @Override
    public CheckDescriptor descriptor() {
        return D;
    }

    @Override
    public Applicability appliesTo(CheckTarget target) {
        return TlsTarget.appliesTo(target);
    }

    @Override
    protected CheckOutcome runBlocking(CheckContext ctx) throws Exception {
        TlsPolicy policy;
        try {
            policy = TlsPolicy.forOptions(ctx.options());
        } catch (TlsPolicy.PolicyException e) {
            return CheckOutcome.failed(NetworkFailure.OTHER, e.getMessage());
        }
        HelloProbe probe = TlsTarget.probe(ctx);
        String sni = TlsTarget.serverName(ctx);
        List<VersionProbe> probes = new ArrayList<>();
        int noTls = 0;
        for (TlsVersion v : ORDER) {
            if (noTls >= 2) {
                probes.add(new VersionProbe(v, VersionProbe.Status.UNKNOWN, "not tried: the service gave no TLS answer twice", null));
                continue;
            }
            HelloProbe.Result r;
            try {
                r = probe.send(Offers.versionProbe(v, sni));
            } catch (NetworkException e) {
                if (probe.sent() == 0) {
                    // nothing ever connected: the service is unreachable, which is an execution error, not a verdict
                    return CheckOutcome.failed(e.failure(), "cannot connect to " + TlsTarget.where(ctx) + ": " + e.getMessage());
                }
                probes.add(new VersionProbe(v, VersionProbe.Status.UNKNOWN, "connection failed: " + e.getMessage(), null));
                continue;
            }
            VersionProbe vp = classify(v, r);
            if (r.outcome() == HelloProbe.Outcome.TIMEOUT || r.outcome() == HelloProbe.Outcome.NOT_TLS) noTls++;
            probes.add(vp);
        }
        ProtocolSupport support = new ProtocolSupport(probes);
        ctx.facts().put(ctx.service().orElseThrow().ref(), TlsFacts.PROTOCOLS, support);
        return CheckOutcome.completed(judge(ctx, policy, support));
    }

    static VersionProbe classify(TlsVersion v, HelloProbe.Result r) {
        return switch (r.outcome()) {
            case ANSWERED -> {
                ServerHello sh = r.flight().hello();
                yield sh.version() == v.code()
                        ? new VersionProbe(v, VersionProbe.Status.ACCEPTED, "negotiated with " + Suites.builtIn().describe(sh.suite()), r.flight())
                        : new VersionProbe(v, VersionProbe.Status.REFUSED, "server answered with " + sh.versionLabel(), r.flight());
            }
            case ALERT -> new VersionProbe(v, VersionProbe.Status.REFUSED, "alert " + r.flight().alert().name(), r.flight());
            case CLOSED, RESET -> new VersionProbe(v, VersionProbe.Status.REFUSED, r.detail(), r.flight());
            case TIMEOUT, NOT_TLS -> new VersionProbe(v, VersionProbe.Status.UNKNOWN, r.detail(), r.flight());
        };
    }

    private static List<Finding> judge(CheckContext ctx, TlsPolicy policy, ProtocolSupport s) {
        String where = TlsTarget.where(ctx);
        List<EvidenceRef> ev = Findings.traffic(ctx, "one ClientHello per protocol version on " + where);
        List<Observation> obs = new ArrayList<>();
        for (TlsVersion v : s.accepted()) {
            obs.add(Observation.of("protocol", v.label()).with("protocol", v.label()).with("dtls", false).build());
        }
        List<Finding> out = new ArrayList<>(Findings.fromHits(ctx, policy, policy.evaluate(obs), where, ev));
        List<VersionProbe> unknown = s.probes().stream().filter(p -> p.status() == VersionProbe.Status.UNKNOWN).toList();
        if (s.accepted().isEmpty()) {
            boolean silent = s.probes().stream().allMatch(p -> p.status() == VersionProbe.Status.REFUSED
                    && p.flight() != null && p.flight().alert() == null);
            String why = silent ? "every handshake on " + where + " was closed or reset without an alert, so no version can be confirmed"
                    : "no protocol version was accepted on " + where;
            out.add(Findings.of(ctx, Verdict.INCONCLUSIVE, why + ": " + describe(s.probes()), ev));
        } else if (!unknown.isEmpty()) {
            out.add(Findings.of(ctx, Verdict.INCONCLUSIVE, "could not determine " + describe(unknown)
                    + " on " + where + " (accepted: " + labels(s.accepted()) + ")", ev));
        }
        if (!Findings.decided(out)) {
            out.add(Findings.of(ctx, Verdict.PASS, where + " accepts " + labels(s.accepted()) + " and refuses the others: "
                    + describe(s.probes().stream().filter(p -> !p.accepted()).toList())
                    + " (policy '" + policy.name() + "')", ev));
        }
        return out;
    }

    private static String labels(List<TlsVersion> vs) {
        return String.join(", ", vs.stream().map(TlsVersion::label).toList());
    }

    private static String describe(List<VersionProbe> ps) {
        return String.join("; ", ps.stream().map(p -> p.version().label() + ": " + p.detail()).toList());
    }
}
