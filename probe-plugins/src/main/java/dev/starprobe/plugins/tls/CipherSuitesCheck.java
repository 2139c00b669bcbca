package dev.starprobe.plugins.tls;

import dev.starprobe.model.EvidenceRef;
import dev.starprobe.model.Finding;
import dev.starprobe.model.NetworkFailure;
import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.tls.policy.Observation;
import dev.starprobe.plugins.tls.policy.TlsPolicy;
import dev.starprobe.plugins.tls.wire.NamedGroups;
import dev.starprobe.plugins.tls.wire.Suite;
import dev.starprobe.plugins.tls.wire.TlsVersion;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.NetworkException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cipher suites and key-exchange groups each accepted version offers, enumerated by offering
 * them ourselves (legacy, export, NULL and anonymous suites included), judged by the policy.
 */
public final class CipherSuitesCheck extends PolicyCheck {
    /** Versions enumerated at once: two connections, well inside the default per-device limit of 4. */
    static final int PARALLEL = 2;

    private static final CheckDescriptor D = CheckDescriptor.builder("tls.cipher-suites")
            .title("TLS cipher suites and key-exchange groups accepted")
            .requirements("S1.1-12", "EN-5.5-1")
            .consumes(TlsFacts.PROTOCOLS)
            .produces(TlsFacts.SUITES)
            .sessions(PARALLEL)
            .timeout(Duration.ofSeconds(180))
            .build();

    public CipherSuitesCheck() {
        super(D);
    }

    @Override
    protected CheckOutcome run(CheckContext ctx, TlsPolicy policy) throws Exception {
        var ref = ctx.service().orElseThrow().ref();
        Optional<ProtocolSupport> protocols = ctx.facts().get(ref, TlsFacts.PROTOCOLS);
        if (protocols.isEmpty()) return CheckOutcome.skipped("tls.protocols did not complete on " + ref + ": no versions to enumerate");
        List<TlsVersion> versions = protocols.get().accepted();
        String where = TlsTarget.where(ctx);
        if (versions.isEmpty()) {
            return CheckOutcome.completed(Findings.of(ctx, Verdict.INCONCLUSIVE,
                    "no protocol version was accepted on " + where + ", so no suite could be enumerated", List.of()));
        }
        // versions are independent: enumerate up to PARALLEL of them at once (the per-device limiter still caps connections)
        int threads = Math.min(PARALLEL, versions.size());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tls-suites-" + where);
            t.setDaemon(true);
            return t;
        });
        List<HelloProbe> probes = new ArrayList<>();
        List<java.util.concurrent.Future<VersionSuites>> futures = new ArrayList<>();
        var firstFailure = new java.util.concurrent.atomic.AtomicReference<NetworkException>();
        try {
            for (TlsVersion v : versions) {
                HelloProbe probe = TlsTarget.probe(ctx);
                probes.add(probe);
                SuiteEnumerator e = new SuiteEnumerator(probe, TlsTarget.serverName(ctx));
                futures.add(pool.submit(() -> {
                    try {
                        return e.enumerate(v);
                    } catch (NetworkException ne) {
                        firstFailure.compareAndSet(null, ne);
                        return new VersionSuites(v, List.of(), null, List.of(), List.of(), false, "connection failed: " + ne.getMessage());
                    }
                }));
            }
            List<VersionSuites> result = new ArrayList<>();
            for (var f : futures) result.add(f.get());
            if (probes.stream().allMatch(p -> p.sent() == 0)) {
                NetworkException ne = firstFailure.get();
                return CheckOutcome.failed(ne == null ? NetworkFailure.OTHER : ne.failure(), "cannot connect to " + where + ": " + result.get(0).note());
            }
            SuiteSupport support = new SuiteSupport(result, probes.stream().mapToInt(HelloProbe::sent).sum());
            ctx.facts().put(ref, TlsFacts.SUITES, support);
            return CheckOutcome.completed(judge(ctx, policy, support, where));
        } finally {
            pool.shutdownNow();
        }
    }

    public static List<Observation> observations(SuiteSupport s, boolean dtls) {
        List<Observation> obs = new ArrayList<>();
        for (VersionSuites vs : s.versions()) {
            String v = vs.version().label();
            for (AcceptedSuite a : vs.accepted()) {
                Suite x = a.suite();
                obs.add(Observation.of("suite", x.name())
                        .with("name", x.name()).with("keyExchange", x.keyExchange()).with("authentication", x.authentication())
                        .with("cipher", x.cipher()).with("algorithm", x.algorithm()).with("bits", x.bits())
                        .with("mode", x.mode()).with("mac", x.mac()).with("export", x.export())
                        .with("forwardSecret", x.forwardSecret()).with("version", v)
                        .with("encryptThenMac", x.mode().equals("CBC") ? a.encryptThenMac() : null)
                        .with("dtls", dtls).build());
            }
            for (NamedGroups.Group g : vs.groups()) {
                obs.add(Observation.of("group", g.name()).with("name", g.name()).with("kind", g.kind())
                        .with("bits", g.bits()).with("version", v).with("dtls", dtls).build());
            }
            for (int bits : vs.dhBits()) {
                obs.add(Observation.of("group", "DH " + bits + "-bit prime").with("name", "DH" + bits).with("kind", "dh")
                        .with("bits", bits).with("version", v).with("dtls", dtls).build());
            }
        }
        return obs;
    }

    private static List<Finding> judge(CheckContext ctx, TlsPolicy policy, SuiteSupport s, String where) {
        List<EvidenceRef> ev = Findings.traffic(ctx, s.handshakes() + " ClientHellos enumerating suites and groups on " + where);
        ev.add(ctx.evidence().file("enumeration", "suites-" + TlsTarget.port(ctx) + ".txt", table(s, where)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), "accepted suites and groups per version on " + where));
        List<Finding> out = new ArrayList<>(Findings.fromHits(ctx, policy, policy.evaluate(observations(s, false)), where, ev));
        List<VersionSuites> incomplete = s.versions().stream().filter(v -> !v.complete()).toList();
        if (!incomplete.isEmpty()) {
            out.add(Findings.of(ctx, Verdict.INCONCLUSIVE, "suite enumeration incomplete on " + where + ": "
                    + String.join("; ", incomplete.stream().map(v -> v.version().label() + ": " + v.note()).toList()), ev));
        }
        if (s.versions().stream().allMatch(v -> v.accepted().isEmpty())) {
            out.add(Findings.of(ctx, Verdict.INCONCLUSIVE, "no suite could be negotiated on " + where, ev));
        }
        if (!Findings.decided(out)) {
            out.add(Findings.of(ctx, Verdict.PASS, "every suite and group accepted on " + where
                    + " is acceptable under policy '" + policy.name() + "' (" + s.handshakes() + " handshakes): " + summary(s), ev));
        }
        return out;
    }

    /** The enumeration as a readable table: what was accepted, in which order, with which parameters. */
    public static String table(SuiteSupport s, String where) {
        StringBuilder b = new StringBuilder("Cipher suites accepted on " + where + " (" + s.handshakes() + " handshakes)\n");
        for (VersionSuites v : s.versions()) {
            b.append('\n').append(v.version().label()).append(": ").append(v.accepted().size()).append(" suites, ")
                    .append(v.serverPreference() == null ? "order not tested" : v.serverPreference() ? "server order" : "client order")
                    .append(v.complete() ? "" : ", INCOMPLETE: " + v.note()).append('\n');
            int i = 1;
            for (AcceptedSuite a : v.accepted()) {
                b.append(String.format("  %2d. %s %s%s%s%n", i++, a.suite().hex(), a.suite().name(),
                        a.keyExchange() == null ? "" : " [" + a.keyExchange().describe() + "]",
                        a.suite().mode().equals("CBC") ? (a.encryptThenMac() ? " [encrypt-then-MAC]" : " [MAC-then-encrypt]") : ""));
            }
            if (!v.groups().isEmpty()) {
                b.append("  groups: ").append(String.join(", ", v.groups().stream().map(NamedGroups.Group::name).toList())).append('\n');
            }
            if (!v.dhBits().isEmpty()) b.append("  DH primes: ").append(v.dhBits()).append(" bits\n");
        }
        return b.toString();
    }

    /** Per version: suites in the server's order, whether it enforces it, groups. */
    public static String summary(SuiteSupport s) {
        List<String> parts = new ArrayList<>();
        for (VersionSuites v : s.versions()) {
            String order = v.serverPreference() == null ? "" : v.serverPreference() ? " (server order)" : " (client order)";
            String groups = v.groups().isEmpty() ? "" : "; groups " + String.join(", ", v.groups().stream().map(NamedGroups.Group::name).toList());
            String dh = v.dhBits().isEmpty() ? "" : "; DH " + v.dhBits() + " bits";
            parts.add(v.version().label() + ": " + String.join(", ", v.accepted().stream().map(a -> a.suite().name()).toList())
                    + order + groups + dh);
        }
        return String.join(" | ", parts);
    }
}
