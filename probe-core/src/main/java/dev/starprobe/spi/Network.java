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

    /** Transcripts of every session and socket opened through this instance so far, in order. */
    java.util.List<Transcript> transcripts();
}
