package dev.starprobe.spi;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

/**
 * The only way a plugin reaches the network. Every session is checked against the scope, counted
 * against the device's connection budget, bounded by timeouts and recorded as evidence.
 */
public interface Network {
    /** TCP to a port of the device under test. */
    CompletionStage<Session> tcp(int port);

    /** TCP to another address (still scope-checked), e.g. a companion hub. */
    CompletionStage<Session> tcp(InetSocketAddress address);

    /** A UDP "session" with a port of the device under test. */
    CompletionStage<DatagramSession> udp(int port);

    /**
     * Sockets for blocking client libraries (OkHttp, Paho, commons-net): their connect() goes
     * through the same scope guard and connection budget.
     */
    javax.net.SocketFactory socketFactory();

    /**
     * For libraries that send packets on transports they open themselves (Californium, Scandium):
     * asks the scope guard whether {@code destination} may be contacted, before every send.
     *
     * @throws NetworkException with OUT_OF_SCOPE when it may not (the refusal is recorded)
     */
    void admit(InetSocketAddress destination) throws NetworkException;

    /**
     * Takes one connection slot of the device's budget for a library-owned transport; close the
     * returned handle when the transport stops.
     */
    CompletionStage<AutoCloseable> reserve();

    /** A transcript the caller fills, listed with this instance's {@link #transcripts()}. */
    TranscriptRecorder recorder(String peer);

    /** Transcripts of every session and socket opened through this instance so far, in order. */
    java.util.List<Transcript> transcripts();
}
