package dev.starprobe.plugins.auth;

import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.DatagramSession;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;

/**
 * Requests to an SNMP agent over one UDP session of the engine (scope, pacing, transcript), each waiting a
 * bounded time for its answer. An agent drops what it will not answer, so silence is a result, not an error.
 */
final class SnmpUdp implements AutoCloseable {
    /** Datagrams that are not the awaited answer (a late reply to an earlier request, garbage) read before giving up. */
    static final int MAX_STRAY = 4;

    private final DatagramSession session;
    private final int port;

    private SnmpUdp(DatagramSession session, int port) {
        this.session = session;
        this.port = port;
    }

    static SnmpUdp open(CheckContext ctx, int port) throws IOException {
        try {
            return new SnmpUdp(ctx.net().udp(port).toCompletableFuture().join(), port);
        } catch (CompletionException e) {
            throw new IOException("no UDP session to port " + port + ": " + e.getCause(), e.getCause());
        }
    }

    /** What came back: the awaited datagram (or null), and the last other datagram seen (or null). */
    record Answer(byte[] mine, byte[] other) {
        boolean silent() {
            return mine == null && other == null;
        }
    }

    /** Sends {@code datagram} and returns the first datagram back, or null after {@code wait} of silence. */
    byte[] ask(byte[] datagram, Duration wait) throws IOException {
        Answer a = ask(datagram, wait, reply -> true);
        return a.mine();
    }

    /**
     * Sends {@code datagram} and reads answers until one that {@code mine} accepts, {@value #MAX_STRAY} others,
     * or {@code wait} has passed in all.
     */
    Answer ask(byte[] datagram, Duration wait, Predicate<byte[]> mine) throws IOException {
        try {
            session.send(datagram).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw new IOException("cannot send to UDP port " + port + ": " + e.getCause(), e.getCause());
        }
        long deadline = System.nanoTime() + wait.toNanos();
        byte[] other = null;
        for (int i = 0; i <= MAX_STRAY; i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0) break;
            byte[] got;
            try {
                got = session.receive(Duration.ofNanos(left)).toCompletableFuture().join();
            } catch (CompletionException silent) {
                break;
            }
            if (mine.test(got)) return new Answer(got, other);
            other = got;
        }
        return new Answer(null, other);
    }

    @Override
    public void close() {
        session.close();
    }
}
