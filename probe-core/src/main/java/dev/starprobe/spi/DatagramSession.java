package dev.starprobe.spi;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** Datagrams to one port of a device; only replies from that address are delivered. */
public interface DatagramSession extends AutoCloseable {
    InetSocketAddress remote();

    CompletionStage<Void> send(byte[] datagram);

    /** The next datagram from the peer, or failure with IO_TIMEOUT. */
    CompletionStage<byte[]> receive(Duration timeout);

    Transcript transcript();

    @Override
    void close();
}
