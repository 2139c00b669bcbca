package dev.starprobe.lab.tls;

import dev.starprobe.lab.net.ServiceContext;
import io.netty.channel.socket.SocketChannel;

/** A server-side TLS configuration that can put itself in front of a connection's pipeline. */
public interface TlsProfile {
    /** Adds the TLS handler first in the pipeline; the handshake outcome is recorded in the traffic log. */
    void install(SocketChannel ch, ServiceContext ctx);

    /** Human-readable summary (versions, suites, key), for notes. */
    String description();
}
