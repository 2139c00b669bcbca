package dev.starprobe.cli;

import dev.starprobe.engine.DiscoveryPlan;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;

/** How to discover: the interface to pin to, the methods, the pace. Shared by discover and scan. */
final class DiscoveryOptions {
    @Option(names = {"-i", "--interface"}, paramLabel = "IFACE",
            description = "Interface to pin discovery to; ARP and multicast (SSDP, mDNS, WS-Discovery) only run when it is given.")
    String iface;

    @Option(names = "--methods", split = ",", paramLabel = "METHOD",
            description = "Discovery methods: arp, icmp, tcp, ssdp, mdns, wsd, coap, snmp (default: all installed; tcp only when no --interface is pinned, where ARP already sees every host).")
    List<String> methods = List.of();

    @Option(names = "--discovery-rate", paramLabel = "PPS", defaultValue = "100",
            description = "Packets per second of every discovery sweep (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--discovery-wait", paramLabel = "MS", defaultValue = "1500",
            description = "How long to listen for answers after the last request, in ms (default: ${DEFAULT-VALUE}).")
    long waitMillis;

    DiscoveryPlan plan() {
        return plan(iface, methods, rate, "--discovery-rate", waitMillis, "--discovery-wait");
    }

    /** A plan from options named {@code rateOption} and {@code waitOption}, within the bounds every command shares. */
    static DiscoveryPlan plan(String iface, List<String> methods, double rate, String rateOption, long waitMillis, String waitOption) {
        if (rate <= 0 || rate > 10_000) throw new UserInputException(rateOption + " must be between 1 and 10000 packets per second");
        if (waitMillis < 10 || waitMillis > 60_000) throw new UserInputException(waitOption + " must be between 10 and 60000 ms");
        return new DiscoveryPlan(iface, methods, rate, Duration.ofMillis(waitMillis));
    }
}
