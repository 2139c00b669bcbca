package dev.starprobe.plugins.tls;

import dev.starprobe.plugins.tls.wire.ServerFlight;
import dev.starprobe.plugins.tls.wire.TlsVersion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What tls.protocols learned about one service: a result per version, and the flights behind them
 * (their ServerHellos and, up to TLS 1.2, certificates), which later checks reuse instead of
 * handshaking again.
 */
public record ProtocolSupport(List<VersionProbe> probes) {
    public ProtocolSupport {
        probes = List.copyOf(probes);
    }

    public List<TlsVersion> accepted() {
        return probes.stream().filter(VersionProbe::accepted).map(VersionProbe::version)
                .sorted(Comparator.comparingInt(TlsVersion::rank)).toList();
    }

    public Optional<VersionProbe> probe(TlsVersion v) {
        return probes.stream().filter(p -> p.version() == v).findFirst();
    }

    /** The newest accepted version below 1.3: its flight is readable in the clear. */
    public Optional<VersionProbe> newestCleartextFlight() {
        return probes.stream().filter(p -> p.accepted() && !p.version().is13())
                .max(Comparator.comparingInt(p -> p.version().rank()));
    }

    /** Certificate chains seen in accepted flights, distinct, newest version first. */
    public List<List<byte[]>> chains() {
        List<List<byte[]>> out = new ArrayList<>();
        probes.stream().filter(VersionProbe::accepted).sorted(Comparator.comparingInt((VersionProbe p) -> p.version().rank()).reversed())
                .map(VersionProbe::flight).map(ServerFlight::certificates).filter(c -> !c.isEmpty())
                .forEach(c -> {
                    if (out.stream().noneMatch(o -> Chains.same(o, c))) out.add(c);
                });
        return out;
    }
}
