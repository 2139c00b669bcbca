package dev.starprobe.plugins.tls;

import dev.starprobe.plugins.tls.wire.ClientHello;
import dev.starprobe.plugins.tls.wire.NamedGroups;
import dev.starprobe.plugins.tls.wire.ServerHello;
import dev.starprobe.plugins.tls.wire.Suite;
import dev.starprobe.plugins.tls.wire.Suites;
import dev.starprobe.plugins.tls.wire.TlsVersion;
import dev.starprobe.spi.NetworkException;

import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Enumerates the suites and groups of one accepted version with O(accepted) handshakes: offer
 * everything still untested, record what the server picks, remove it, repeat until the server has
 * nothing left to pick. The order of picks is the server's preference when it enforces one; one
 * more handshake with two suites swapped tells whether it does.
 */
public final class SuiteEnumerator {
    /** Handshakes per version at most, so a server that "accepts" anything cannot keep us forever. */
    static final int MAX_PER_VERSION = 64;

    private final HelloTransport probe;
    private final String sni;

    public SuiteEnumerator(HelloTransport probe, String sni) {
        this.probe = probe;
        this.sni = sni;
    }

    public VersionSuites enumerate(TlsVersion v) throws NetworkException, InterruptedIOException {
        List<Suite> remaining = new ArrayList<>(Suites.builtIn().validIn(v));
        List<AcceptedSuite> accepted = new ArrayList<>();
        Set<Integer> groupsSeen = new LinkedHashSet<>();
        Set<Integer> dhBits = new LinkedHashSet<>();
        String note = null;
        boolean complete = true;
        int tries = 0;
        while (!remaining.isEmpty()) {
            if (++tries > MAX_PER_VERSION) {
                complete = false;
                note = "stopped after " + MAX_PER_VERSION + " handshakes";
                break;
            }
            HelloProbe.Result r = probe.send(Offers.suites(v, remaining, sni));
            if (!r.answered()) {
                if (r.outcome() == HelloProbe.Outcome.TIMEOUT || r.outcome() == HelloProbe.Outcome.NOT_TLS) {
                    complete = false;
                    note = "enumeration interrupted: " + r.detail();
                }
                break; // an alert or a close: nothing left the server is willing to pick
            }
            ServerHello sh = r.flight().hello();
            Suite chosen = Suites.builtIn().byCode(sh.suite()).orElse(null);
            if (sh.version() != v.code() || chosen == null || !remaining.contains(chosen)) {
                complete = false;
                note = "the server answered outside the offer (" + sh.versionLabel() + ", "
                        + Suites.builtIn().describe(sh.suite()) + ")";
                break;
            }
            accepted.add(new AcceptedSuite(v, chosen, r.flight().keyExchange(), sh.encryptThenMac()));
            remaining.remove(chosen);
            if (sh.keyShareGroup() != null) groupsSeen.add(sh.keyShareGroup());
            var kx = r.flight().keyExchange();
            if (kx != null && kx.namedGroup() != null) groupsSeen.add(kx.namedGroup());
            if (kx != null && kx.namedGroup() == null && kx.dhBits() > 0) dhBits.add(kx.dhBits());
        }
        Boolean serverOrder = accepted.size() >= 2 ? serverPreference(v, accepted) : null;
        List<Integer> groups = v.is13() ? groups13(v, accepted, groupsSeen) : curves12(v, accepted, groupsSeen);
        return new VersionSuites(v, accepted, serverOrder,
                groups.stream().map(g -> NamedGroups.byCode(g).orElse(new NamedGroups.Group(g, NamedGroups.describe(g), "unknown", 0))).toList(),
                List.copyOf(dhBits), complete, note);
    }

    /** Offers the first two picks in reverse order: a server that still picks the first decides itself. */
    private Boolean serverPreference(TlsVersion v, List<AcceptedSuite> accepted) throws NetworkException, InterruptedIOException {
        Suite first = accepted.get(0).suite();
        Suite second = accepted.get(1).suite();
        HelloProbe.Result r = probe.send(Offers.suites(v, List.of(second, first), sni));
        if (!r.answered()) return null;
        int pick = r.flight().hello().suite();
        return pick == first.code() ? Boolean.TRUE : pick == second.code() ? Boolean.FALSE : null;
    }

    /**
     * TLS 1.3: an empty key_share makes the server name its preferred group in a HelloRetryRequest;
     * removing it and asking again lists them all.
     */
    private List<Integer> groups13(TlsVersion v13, List<AcceptedSuite> accepted, Set<Integer> seen) throws NetworkException, InterruptedIOException {
        if (accepted.isEmpty()) return List.copyOf(seen);
        List<Integer> suites = accepted.stream().map(a -> a.suite().code()).toList();
        List<Integer> offered = new ArrayList<>(Offers.allGroups());
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < MAX_PER_VERSION && !offered.isEmpty(); i++) {
            HelloProbe.Result r = probe.send(ClientHello.of(v13, suites, offered, false, null, sni));
            if (!r.answered() || r.flight().hello().keyShareGroup() == null) break;
            int g = r.flight().hello().keyShareGroup();
            if (!offered.remove((Integer) g)) break; // a group we did not offer: stop rather than loop
            found.add(g);
        }
        for (int g : seen) if (!found.contains(g)) found.add(g); // e.g. a server that refuses empty key shares
        return found;
    }

    /** TLS 1.2 and older: the curve of each ECDHE ServerKeyExchange, removing it from the offer each time. */
    private List<Integer> curves12(TlsVersion v, List<AcceptedSuite> accepted, Set<Integer> seen) throws NetworkException, InterruptedIOException {
        List<Integer> ecdhe = accepted.stream().filter(a -> a.suite().keyExchange().startsWith("ECDHE"))
                .map(a -> a.suite().code()).toList();
        if (ecdhe.isEmpty()) return List.copyOf(seen);
        List<Integer> offered = new ArrayList<>(Offers.curves());
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < MAX_PER_VERSION && !offered.isEmpty(); i++) {
            HelloProbe.Result r = probe.send(ClientHello.of(v, ecdhe, offered, false, null, sni));
            if (!r.answered() || r.flight().keyExchange() == null || r.flight().keyExchange().namedGroup() == null) break;
            int g = r.flight().keyExchange().namedGroup();
            if (!offered.remove((Integer) g)) break;
            found.add(g);
        }
        for (int g : seen) if (!found.contains(g)) found.add(g);
        return found;
    }
}
