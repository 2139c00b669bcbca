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
import dev.starprobe.spi.NetworkException;

import java.util.ArrayList;
import java.util.List;

/** Version probing and its judgement, shared by tls.protocols (TCP) and dtls.protocols (UDP). */
public final class ProtocolChecks {
    private ProtocolChecks() {
    }

    /**
     * One ClientHello per version, in the given order; after two answers that are not TLS at all
     * the rest is not tried.
     *
     * @throws NetworkException when the very first connection fails: the service is unreachable
     */
    public static List<VersionProbe> probeVersions(HelloTransport probe, List<TlsVersion> order, String sni)
            throws NetworkException, java.io.InterruptedIOException {
        List<VersionProbe> probes = new ArrayList<>();
        int noTls = 0;
        for (TlsVersion v : order) {
            if (noTls >= 2) {
                probes.add(new VersionProbe(v, VersionProbe.Status.UNKNOWN, "not tried: the service gave no TLS answer twice", null));
                continue;
            }
            HelloProbe.Result r;
            try {
                r = probe.send(Offers.versionProbe(v, sni));
            } catch (NetworkException e) {
                if (probe.sent() == 0 || probes.isEmpty()) throw e;
                probes.add(new VersionProbe(v, VersionProbe.Status.UNKNOWN, "connection failed: " + e.getMessage(), null));
                continue;
            }
            if (r.outcome() == HelloProbe.Outcome.TIMEOUT || r.outcome() == HelloProbe.Outcome.NOT_TLS) noTls++;
            probes.add(classify(v, r));
        }
        return probes;
    }

    public static VersionProbe classify(TlsVersion v, HelloProbe.Result r) {
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

    public static List<Finding> judge(CheckContext ctx, TlsPolicy policy, ProtocolSupport s, String where, List<EvidenceRef> ev,
                               boolean dtls) {
        List<Observation> obs = new ArrayList<>();
        for (TlsVersion v : s.accepted()) {
            obs.add(Observation.of("protocol", v.label()).with("protocol", v.label()).with("dtls", dtls).build());
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

    /** The accepted versions of a probe list, for explanations. */
    public static String acceptedLabel(List<VersionProbe> probes) {
        return labels(probes.stream().filter(VersionProbe::accepted).map(VersionProbe::version).toList());
    }
}
