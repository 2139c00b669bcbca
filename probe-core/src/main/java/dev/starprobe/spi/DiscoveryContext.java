package dev.starprobe.spi;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * What a discoverer may use: the candidate addresses, the interface discovery is pinned to, and
 * network access the engine controls. A discoverer never opens a socket of its own; a
 * library-owned transport (pcap) calls {@link #admit} before every packet it sends.
 */
public interface DiscoveryContext {
    /** Candidate addresses (expanded from targets); discoverers report only devices among them. */
    List<InetAddress> candidates();

    /** The interface the user pinned discovery to; multicast must be sent only there. */
    default Optional<String> interfaceName() {
        return link().map(LinkInfo::name);
    }

    /** Details of the pinned interface (address, prefix, MAC); empty when discovery is not pinned. */
    Optional<LinkInfo> link();

    /** Network access to arbitrary in-scope addresses (TCP, UDP sessions with per-device budgets). */
    NetworkFactory network();

    /**
     * A UDP socket owned by the engine: bound to the pinned interface's address (the wildcard when
     * not pinned), multicast leaves only through the pinned interface with TTL 1 and is refused
     * when discovery is not pinned, every destination passes the scope guard, and only datagrams
     * from in-scope senders are delivered. Close it when done.
     *
     * @throws NetworkException when the socket cannot be opened
     */
    DiscoverySocket openSocket() throws NetworkException;

    /**
     * Asks the scope guard for a packet a library-owned transport is about to send.
     *
     * @throws NetworkException with OUT_OF_SCOPE when it may not be sent (the refusal is recorded)
     */
    void admit(InetAddress destination) throws NetworkException;

    /** Packets per second a sweep may send (all discoverers share the politeness the user chose). */
    double packetsPerSecond();

    /** How long to wait for answers after the last request. */
    Duration replyWindow();

    Executor blockingExecutor();

    /** Network sessions towards a given in-scope host. */
    interface NetworkFactory {
        Network to(InetAddress host);
    }
}
