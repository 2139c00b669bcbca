package dev.starprobe.plugins.tls;

import dev.starprobe.plugins.tls.wire.ClientHello;
import dev.starprobe.plugins.tls.wire.NamedGroups;
import dev.starprobe.plugins.tls.wire.Suite;
import dev.starprobe.plugins.tls.wire.Suites;
import dev.starprobe.plugins.tls.wire.TlsVersion;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The ClientHellos the TLS checks send: what is offered, and in which order. */
final class Offers {
    /** Preferred groups first, so a client-order server picks a strong one; then every other known group. */
    private static final List<Integer> PREFERRED = List.of(29, 23, 24, 25, 30, 4588, 256, 257, 258);

    private Offers() {
    }

    /** Every group StarProbe knows, preferred ones first: TLS 1.3 supported_groups. */
    static List<Integer> allGroups() {
        List<Integer> out = new ArrayList<>(PREFERRED);
        NamedGroups.all().forEach(g -> {
            if (!out.contains(g.code())) out.add(g.code());
        });
        return out;
    }

    /** Elliptic curves only, preferred first: supported_groups up to TLS 1.2. */
    static List<Integer> curves() {
        List<Integer> out = new ArrayList<>();
        PREFERRED.stream().filter(c -> NamedGroups.byCode(c).map(g -> g.kind().equals("ec")).orElse(false)).forEach(out::add);
        NamedGroups.ellipticCurves().forEach(g -> {
            if (!out.contains(g.code())) out.add(g.code());
        });
        return out;
    }

    static List<Integer> codes(Collection<Suite> suites) {
        return suites.stream().map(Suite::code).toList();
    }

    /** One version, every suite that version can negotiate: does the server accept the version at all? */
    static ClientHello versionProbe(TlsVersion v, String sni) {
        List<Suite> suites = Suites.builtIn().validIn(v);
        return v.is13()
                ? ClientHello.of(v, codes(suites), allGroups(), false, NamedGroups.X25519, sni)
                : ClientHello.of(v, codes(suites), curves(), false, null, sni);
    }

    /** One version, the given suites. */
    static ClientHello suites(TlsVersion v, List<Suite> suites, String sni) {
        return v.is13()
                ? ClientHello.of(v, codes(suites), allGroups(), false, NamedGroups.X25519, sni)
                : ClientHello.of(v, codes(suites), curves(), false, null, sni);
    }
}
