package dev.starprobe.plugins.dtls;

import dev.starprobe.model.EvidenceRef;
import dev.starprobe.model.Finding;
import dev.starprobe.model.NetworkFailure;
import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.tls.AcceptedSuite;
import dev.starprobe.plugins.tls.CertificateCheck;
import dev.starprobe.plugins.tls.CertificateIdentity;
import dev.starprobe.plugins.tls.CertificateInfo;
import dev.starprobe.plugins.tls.CertificateInspector;
import dev.starprobe.plugins.tls.Chains;
import dev.starprobe.plugins.tls.CipherSuitesCheck;
import dev.starprobe.plugins.tls.Findings;
import dev.starprobe.plugins.tls.SuiteEnumerator;
import dev.starprobe.plugins.tls.SuiteSupport;
import dev.starprobe.plugins.tls.TlsFacts;
import dev.starprobe.plugins.tls.VersionProbe;
import dev.starprobe.plugins.tls.VersionSuites;
import dev.starprobe.plugins.tls.policy.Observation;
import dev.starprobe.plugins.tls.policy.TlsPolicy;
import dev.starprobe.plugins.tls.wire.Suite;
import dev.starprobe.plugins.tls.wire.TlsVersion;
import dev.starprobe.spi.BlockingCheck;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.NetworkException;
import dev.starprobe.spi.ScanOptions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.elements.auth.RawPublicKeyIdentity;
import org.eclipse.californium.elements.auth.X509CertPath;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DTLS suites, groups and authentication on each DTLS endpoint dtls.protocols found: suites
 * enumerated with hand-built ClientHellos (any suite, O(accepted) handshakes), the server's
 * authentication (PSK, X.509 certificate or RFC 7250 raw public key) read from its first flight,
 * and one complete Scandium handshake to confirm it. A PSK-only server needs the PSK for that:
 * without the scan credential {@value #PSK_CREDENTIAL} the result is INCONCLUSIVE, with what the
 * hellos learned.
 */
public final class DtlsCipherSuitesCheck extends BlockingCheck {
    /** Scan credential: user = PSK identity, secret = key (text, or "hex:..." for bytes). */
    public static final String PSK_CREDENTIAL = "dtls.psk";

    private static final CheckDescriptor D = CheckDescriptor.builder("dtls.cipher-suites")
            .title("DTLS cipher suites, groups and server authentication")
            .requirements("S1.1-12", "EN-5.5-1")
            .deviceLevel()
            .consumes(DtlsEndpoints.KEY)
            .produces(TlsFacts.DTLS_CERTIFICATES)
            .timeout(Duration.ofSeconds(120))
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
        Optional<DtlsEndpoints> eps = ctx.facts().device(DtlsEndpoints.KEY);
        if (eps.isEmpty()) return CheckOutcome.skipped("dtls.protocols did not complete: no DTLS endpoints known");
        if (eps.get().endpoints().isEmpty()) return CheckOutcome.notApplicable("dtls.protocols found no DTLS service on this device");
        List<Finding> out = new ArrayList<>();
        List<CertificateIdentity> identities = new ArrayList<>();
        for (DtlsEndpoints.Endpoint e : eps.get().endpoints()) {
            out.addAll(DtlsTargets.about(e.port(), endpoint(ctx, policy, e, identities)));
        }
        ctx.facts().put(null, TlsFacts.DTLS_CERTIFICATES, new TlsFacts.DtlsIdentities(identities));
        return CheckOutcome.completed(out);
    }

    private List<Finding> endpoint(CheckContext ctx, TlsPolicy policy, DtlsEndpoints.Endpoint e,
                                   List<CertificateIdentity> identities) throws java.io.InterruptedIOException {
        String where = DtlsTargets.where(e.port());
        if (e.support().accepted().isEmpty()) {
            return List.of(Findings.of(ctx, Verdict.INCONCLUSIVE, "no DTLS version was accepted on " + where
                    + " (see dtls.protocols), so no suite could be enumerated", List.of()));
        }
        DtlsHelloProbe probe = new DtlsHelloProbe(ctx.net(), e.port(), DtlsTargets.handshake(ctx));
        SuiteEnumerator enumerator = new SuiteEnumerator(probe, null);
        List<VersionSuites> versions = new ArrayList<>();
        for (TlsVersion v : e.support().accepted()) {
            try {
                versions.add(enumerator.enumerate(v));
            } catch (NetworkException ne) {
                versions.add(new VersionSuites(v, List.of(), null, List.of(), List.of(), false, "failed: " + ne.getMessage()));
            }
        }
        SuiteSupport suites = new SuiteSupport(versions, probe.sent());
        List<Observation> obs = new ArrayList<>(CipherSuitesCheck.observations(suites, true));
        List<String> notes = new ArrayList<>();
        List<String> undecided = new ArrayList<>();
        List<EvidenceRef> ev = new ArrayList<>();
        ev.add(ctx.evidence().file("enumeration", "dtls-suites-" + e.port() + ".txt",
                CipherSuitesCheck.table(suites, where).getBytes(StandardCharsets.UTF_8), "accepted DTLS suites and groups on " + where));

        List<AcceptedSuite> all = versions.stream().flatMap(v -> v.accepted().stream()).toList();
        List<Integer> psk = all.stream().map(AcceptedSuite::suite).filter(Suite::usesPsk).map(Suite::code).distinct().toList();
        List<Integer> certified = all.stream().map(AcceptedSuite::suite)
                .filter(s -> !s.usesPsk() && !s.anonymous()).map(Suite::code).distinct().toList();
        authentication(ctx, e, where, obs, notes, identities, ev);

        InetSocketAddress peer = new InetSocketAddress(ctx.device().address(), e.port());
        if (!certified.isEmpty()) {
            ScandiumHandshake.Result r = ScandiumHandshake.run(ctx.net(), peer, ScandiumHandshake.implemented(certified), null, DtlsTargets.handshake(ctx));
            notes.add(r.completed() ? "Scandium completed a DTLS 1.2 handshake with " + r.suite() + " (" + describe(r) + ")"
                    : "Scandium could not complete a certificate handshake: " + r.error());
        }
        if (!psk.isEmpty()) {
            ScanOptions.Credential cred = ctx.options().credentials().get(PSK_CREDENTIAL);
            if (cred != null) {
                ScandiumHandshake.Result r = ScandiumHandshake.run(ctx.net(), peer, ScandiumHandshake.implemented(psk), cred, DtlsTargets.handshake(ctx));
                if (r.completed()) notes.add("the supplied PSK completed a DTLS 1.2 handshake with " + r.suite());
                else undecided.add("the supplied PSK (credential " + PSK_CREDENTIAL + ") did not complete a handshake: " + r.error());
            } else if (certified.isEmpty()) {
                undecided.add("the server authenticates with pre-shared keys only (" + String.join(", ", names(psk))
                        + "); without the PSK identity and key no handshake can be completed, so the key's strength and"
                        + " uniqueness are unknown. Supply them as scan credential '" + PSK_CREDENTIAL + "' (user = identity,"
                        + " secret = key, or hex:...) to confirm");
            }
        }
        ev.addAll(0, Findings.traffic(ctx, probe.sent() + " DTLS ClientHellos and Scandium handshakes on " + where));
        List<Finding> out = new ArrayList<>(Findings.fromHits(ctx, policy, policy.evaluate(obs), where, ev));
        if (versions.stream().anyMatch(v -> !v.complete())) {
            undecided.add("enumeration incomplete: " + String.join("; ", versions.stream().filter(v -> !v.complete())
                    .map(v -> v.version().label() + ": " + v.note()).toList()));
        }
        if (!undecided.isEmpty()) {
            out.add(Findings.of(ctx, Verdict.INCONCLUSIVE, "on " + where + ": " + String.join("; ", undecided)
                    + ". Learned: " + CipherSuitesCheck.summary(suites), ev));
        }
        if (!Findings.decided(out)) {
            out.add(Findings.of(ctx, Verdict.PASS, "every DTLS suite and group accepted on " + where + " is acceptable under policy '"
                    + policy.name() + "': " + CipherSuitesCheck.summary(suites) + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)), ev));
        }
        return out;
    }

    /** The server's certificate or raw public key, from the clear-text first flights of dtls.protocols. */
    private static void authentication(CheckContext ctx, DtlsEndpoints.Endpoint e, String where, List<Observation> obs,
                                       List<String> notes, List<CertificateIdentity> identities, List<EvidenceRef> ev) {
        Instant now = Instant.now();
        List<List<byte[]>> chains = e.support().chains();
        if (!chains.isEmpty()) {
            List<CertificateInfo> infos = CertificateInspector.inspect(chains.get(0), ctx.device().address(), ctx.device().names(), now);
            for (CertificateInfo i : infos) {
                ev.add(ctx.evidence().file("certificate", "udp" + e.port() + "-" + i.index() + ".pem",
                        CertificateCheck.pem(chains.get(0).get(i.index())), "DTLS certificate #" + i.index() + " on " + where));
                if (i.error() == null) obs.add(CertificateCheck.observation(i, now, true));
            }
            CertificateInfo leaf = infos.get(0);
            if (leaf.error() == null) {
                identities.add(new CertificateIdentity(leaf.sha256(), leaf.keySha256(), leaf.subject(), e.port() + "/udp (DTLS)"));
                notes.add("X.509 certificate " + leaf.describe());
            }
            return;
        }
        for (VersionProbe p : e.support().probes()) {
            byte[] rpk = p.flight() == null ? null : p.flight().rawPublicKey();
            if (rpk == null) continue;
            String keyType = "other";
            int bits = 0;
            try {
                var spki = SubjectPublicKeyInfo.getInstance(rpk);
                var info = CertificateInspector.keyOf(spki);
                keyType = info.type();
                bits = info.bits();
            } catch (RuntimeException ex) {
                // an unreadable key stays "other"/0
            }
            String hash = Chains.sha256(rpk);
            obs.add(Observation.of("certificate", "raw public key (" + keyType + " " + bits + ") on " + where)
                    .with("position", "leaf").with("keyType", keyType).with("keyBits", bits).with("dtls", true).build());
            identities.add(new CertificateIdentity(hash, hash, "raw public key " + keyType + " " + bits, e.port() + "/udp (DTLS)"));
            notes.add("RFC 7250 raw public key " + keyType + " " + bits + " (no certificate: clients must pin it)");
            return;
        }
    }

    private static String describe(ScandiumHandshake.Result r) {
        if (r.peer() instanceof X509CertPath) return "X.509 certificate";
        if (r.peer() instanceof RawPublicKeyIdentity) return "raw public key";
        if (r.peer() instanceof PreSharedKeyIdentity p) return "PSK identity " + p.getIdentity();
        return "peer " + r.peer();
    }

    private static List<String> names(List<Integer> codes) {
        return codes.stream().map(c -> dev.starprobe.plugins.tls.wire.Suites.builtIn().describe(c)).toList();
    }
}
