package dev.starprobe.spi;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/** What a discoverer may use: the addresses in scope, the chosen interface, the guarded network. */
public interface DiscoveryContext {
    /** Candidate addresses (expanded from targets); discoverers report only devices among them. */
    List<InetAddress> candidates();

    /** The interface the user pinned discovery to; multicast must be sent only there. */
    Optional<String> interfaceName();

    /** Network access to arbitrary in-scope addresses. */
    NetworkFactory network();

    Executor blockingExecutor();

    /** Network sessions towards a given in-scope host. */
    interface NetworkFactory {
        Network to(InetAddress host);
    }
}
