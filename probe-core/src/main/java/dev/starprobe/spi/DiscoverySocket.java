package dev.starprobe.spi;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * An engine-owned UDP socket for discovery (see {@link DiscoveryContext#openSocket()}). Blocking:
 * use it from {@link DiscoveryContext#blockingExecutor()}, never from an event loop.
 */
public interface DiscoverySocket extends AutoCloseable {
    /** Largest datagram delivered; longer ones are truncated to this and flagged. */
    int MAX_DATAGRAM = 9216;

    InetSocketAddress local();

    /**
     * @throws NetworkException OUT_OF_SCOPE when the guard refuses {@code to}, or the I/O failure
     */
    void send(InetSocketAddress to, byte[] payload) throws NetworkException;

    /** The next datagram from an in-scope sender, or empty when none came within {@code timeout}. */
    Optional<Datagram> receive(Duration timeout) throws NetworkException;

    /** What was sent and received, for evidence. */
    Transcript transcript();

    @Override
    void close();

    /** @param truncated the datagram was longer than {@link #MAX_DATAGRAM} */
    record Datagram(InetSocketAddress sender, byte[] payload, boolean truncated) {
    }
}
