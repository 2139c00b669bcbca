package dev.starprobe.engine;

import dev.starprobe.net.Cidr;
import dev.starprobe.net.ScopeGuard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the user's targets into addresses and the scope guard. Every problem is an
 * {@link IllegalArgumentException} whose message is the one line the CLI prints.
 */
public final class TargetResolver {
    public static final int MAX_HOSTS = 65_536;

    public record Resolved(List<InetAddress> addresses, ScopeGuard guard, boolean sweep) {
    }

    public Resolved resolve(List<String> targets, List<String> scope, boolean allowPublic) {
        if (targets.isEmpty()) throw new IllegalArgumentException("no targets given");
        Set<InetAddress> addresses = new LinkedHashSet<>();
        List<Cidr> targetNets = new ArrayList<>();
        boolean sweep = false;
        for (String t : targets) {
            String s = t.trim();
            if (s.isEmpty()) continue;
            if (looksNumeric(s)) {
                Cidr c = Cidr.parse(s);
                targetNets.add(c);
                List<InetAddress> hosts = c.hosts(MAX_HOSTS);
                sweep |= hosts.size() > 1;
                addresses.addAll(hosts);
            } else {
                InetAddress[] all;
                try {
                    all = InetAddress.getAllByName(s);
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException("cannot resolve host '" + s + "'");
                }
                for (InetAddress a : all) {
                    addresses.add(a);
                    targetNets.add(Cidr.parse(a.getHostAddress()));
                }
            }
            if (addresses.size() > MAX_HOSTS) {
                throw new IllegalArgumentException("more than " + MAX_HOSTS + " target addresses");
            }
        }
        if (addresses.isEmpty()) throw new IllegalArgumentException("no targets given");
        List<Cidr> scopeNets = scope.isEmpty() ? targetNets : scope.stream().map(Cidr::parse).toList();
        ScopeGuard guard = new ScopeGuard(scopeNets, allowPublic);
        for (InetAddress a : addresses) {
            String why = guard.whyRefused(a);
            if (why != null) throw new IllegalArgumentException("target refused: " + why);
        }
        return new Resolved(List.copyOf(addresses), guard, sweep);
    }

    /** Digits, dots, colons, slash, hex: an address or CIDR, never a DNS name to look up. */
    private static boolean looksNumeric(String s) {
        return s.matches("[0-9./]+") || s.contains(":");
    }
}
