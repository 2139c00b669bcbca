package dev.starprobe.net;

import dev.starprobe.model.ScopeRefusal;

import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single gate every outgoing connection and packet passes. An address must lie inside one of
 * the scope networks; publicly routable addresses are refused unless the user explicitly allowed
 * them, because a typo in a CIDR must not scan the Internet.
 */
public final class ScopeGuard {
    private static final Logger LOG = LoggerFactory.getLogger(ScopeGuard.class);
    private static final int MAX_RECORDED = 1000;

    private static final List<Cidr> NON_PUBLIC = List.of(
            Cidr.parse("0.0.0.0/8"), Cidr.parse("10.0.0.0/8"), Cidr.parse("100.64.0.0/10"),
            Cidr.parse("127.0.0.0/8"), Cidr.parse("169.254.0.0/16"), Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.0.0.0/24"), Cidr.parse("192.0.2.0/24"), Cidr.parse("192.168.0.0/16"),
            Cidr.parse("198.18.0.0/15"), Cidr.parse("198.51.100.0/24"), Cidr.parse("203.0.113.0/24"),
            Cidr.parse("::1/128"), Cidr.parse("fc00::/7"), Cidr.parse("fe80::/10"), Cidr.parse("2001:db8::/32"));

    private final List<Cidr> scope;
    private final boolean allowPublic;
    private final boolean allowMulticast;
    private final Clock clock;
    private final ConcurrentLinkedQueue<ScopeRefusal> refusals;
    private final AtomicInteger refusalCount;

    public ScopeGuard(List<Cidr> scope, boolean allowPublic) {
        this(scope, allowPublic, false, Clock.systemUTC());
    }

    /**
     * @param allowMulticast multicast groups may be addressed (discovery pinned to an interface
     *                       makes them stay on the test LAN)
     */
    public ScopeGuard(List<Cidr> scope, boolean allowPublic, boolean allowMulticast, Clock clock) {
        this(scope, allowPublic, allowMulticast, clock, new ConcurrentLinkedQueue<>(), new AtomicInteger());
    }

    private ScopeGuard(List<Cidr> scope, boolean allowPublic, boolean allowMulticast, Clock clock,
                       ConcurrentLinkedQueue<ScopeRefusal> refusals, AtomicInteger refusalCount) {
        this.scope = List.copyOf(scope);
        this.allowPublic = allowPublic;
        this.allowMulticast = allowMulticast;
        this.clock = clock;
        this.refusals = refusals;
        this.refusalCount = refusalCount;
    }

    /**
     * The same scope, also admitting multicast groups, recording refusals into this guard. Only the
     * engine's interface-pinned discovery socket uses it: every other path (TCP, UDP sessions,
     * library transports) keeps refusing multicast, because it could not keep the packet on the
     * chosen interface.
     */
    public ScopeGuard withMulticast() {
        return new ScopeGuard(scope, allowPublic, true, clock, refusals, refusalCount);
    }

    public static boolean isPublic(InetAddress a) {
        if (a.isMulticastAddress()) return false;
        return NON_PUBLIC.stream().noneMatch(c -> c.contains(a));
    }

    /** Why {@code a} may not be contacted, or null when it may. Records nothing. */
    public String whyRefused(InetAddress a) {
        if (a.isMulticastAddress()) {
            return allowMulticast ? null
                    : "multicast " + a.getHostAddress() + " is only sent by discovery pinned to an interface";
        }
        if (scope.stream().noneMatch(c -> c.contains(a))) {
            return a.getHostAddress() + " is outside the scope " + scope;
        }
        if (!allowPublic && isPublic(a)) {
            return a.getHostAddress() + " is a public address; pass --allow-public to scan it";
        }
        return null;
    }

    /**
     * @throws OutOfScopeException when {@code a} must not be contacted; the refusal is recorded
     */
    public void check(InetAddress a, String requestedBy) throws OutOfScopeException {
        String why = whyRefused(a);
        if (why != null) {
            refusalCount.incrementAndGet();
            if (refusals.size() < MAX_RECORDED) {
                refusals.add(new ScopeRefusal(clock.instant(), a.getHostAddress(), requestedBy, why));
            }
            LOG.warn("scope guard refused {} (requested by {}): {}", a.getHostAddress(), requestedBy, why);
            throw new OutOfScopeException(why);
        }
    }

    public List<ScopeRefusal> refusals() {
        return List.copyOf(refusals);
    }

    public int refusalCount() {
        return refusalCount.get();
    }

    public List<Cidr> scope() {
        return scope;
    }
}
