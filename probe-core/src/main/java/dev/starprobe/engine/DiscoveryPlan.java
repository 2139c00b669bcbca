package dev.starprobe.engine;

import java.time.Duration;
import java.util.List;

/**
 * How to discover.
 *
 * @param interfaceName     interface to pin discovery to (needed for ARP and multicast), or null
 * @param methods           discoverer ids to run; empty: every installed discoverer
 * @param packetsPerSecond  pace of every sweep (ARP requests, unicast probes); polite by default
 * @param replyWindow       how long to listen for answers after the last request
 */
public record DiscoveryPlan(String interfaceName, List<String> methods, double packetsPerSecond, Duration replyWindow) {
    public static final double DEFAULT_RATE = 100;
    public static final Duration DEFAULT_WINDOW = Duration.ofMillis(1500);

    public DiscoveryPlan {
        methods = List.copyOf(methods);
        if (packetsPerSecond <= 0) throw new IllegalArgumentException("the discovery rate must be positive");
        if (replyWindow.isNegative() || replyWindow.isZero()) throw new IllegalArgumentException("the reply window must be positive");
    }

    public static DiscoveryPlan on(String interfaceName) {
        return new DiscoveryPlan(interfaceName, List.of(), DEFAULT_RATE, DEFAULT_WINDOW);
    }

    public DiscoveryPlan withMethods(List<String> m) {
        return new DiscoveryPlan(interfaceName, m, packetsPerSecond, replyWindow);
    }

    public DiscoveryPlan withRate(double pps, Duration window) {
        return new DiscoveryPlan(interfaceName, methods, pps, window);
    }
}
