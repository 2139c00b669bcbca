package dev.starprobe.plugins.tls;

import dev.starprobe.model.NetworkFailure;
import dev.starprobe.plugins.tls.wire.ClientHello;
import dev.starprobe.plugins.tls.wire.FlightParser;
import dev.starprobe.plugins.tls.wire.ServerFlight;
import dev.starprobe.plugins.tls.wire.Suites;
import dev.starprobe.spi.Network;
import dev.starprobe.spi.NetworkException;
import dev.starprobe.spi.Session;

import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * Sends one ClientHello on a fresh engine connection and reads the server's first flight, within a
 * deadline and a byte cap, then closes: one connection, no key computed, nothing left half-open.
 */
public final class HelloProbe implements HelloTransport {
    /** Largest first flight read (a long certificate chain fits comfortably). */
    static final int MAX_FLIGHT = 256 * 1024;

    public enum Outcome {
        /** a ServerHello (or HelloRetryRequest) came back */
        ANSWERED,
        /** an alert came back instead */
        ALERT,
        /** the server closed the connection without a word */
        CLOSED,
        /** the server reset the connection */
        RESET,
        /** nothing (complete) within the deadline */
        TIMEOUT,
        /** the answer is not TLS */
        NOT_TLS
    }

    public record Result(Outcome outcome, ServerFlight flight, String detail) {
        public boolean answered() {
            return outcome == Outcome.ANSWERED;
        }
    }

    private final Network net;
    private final int port;
    private final Duration deadline;
    private final Suites suites;
    private int sent;

    public HelloProbe(Network net, int port, Duration deadline, Suites suites) {
        this.net = net;
        this.port = port;
        this.deadline = deadline;
        this.suites = suites;
    }

    /**
     * One ClientHello offering TLS 1.2 (servers answer with the highest version they have, down to
     * SSLv3) and every known suite: whether a port speaks TLS at all, even when no TLS library
     * could complete a handshake with it (an RC4-only camera).
     */
    public static Result broad(Network net, int port, Duration deadline) throws NetworkException, InterruptedIOException {
        java.util.List<Integer> all = Suites.builtIn().all().stream().filter(s -> !s.isTls13()).map(s -> s.code()).toList();
        return new HelloProbe(net, port, deadline, Suites.builtIn())
                .send(ClientHello.of(dev.starprobe.plugins.tls.wire.TlsVersion.TLS12, all, Offers.curves(), false, null, null));
    }

    /** ClientHellos sent so far: the number of connections this probe opened. */
    @Override
    public int sent() {
        return sent;
    }

    /**
     * @throws NetworkException when no connection could be made (refused, timeout, out of scope):
     *                          the service is unreachable, not merely unwilling
     */
    @Override
    public Result send(ClientHello hello) throws NetworkException, InterruptedIOException {
        Session s = Await.of(net.tcp(port));
        sent++;
        try {
            return exchange(s, hello);
        } finally {
            s.close();
        }
    }

    private Result exchange(Session s, ClientHello hello) throws InterruptedIOException {
        FlightParser parser = new FlightParser(false, suites, MAX_FLIGHT);
        long end = System.nanoTime() + deadline.toNanos();
        Outcome ended = null;
        String detail = null;
        try {
            Await.of(s.write(hello.tlsRecord()));
            while (!parser.done()) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    ended = Outcome.TIMEOUT;
                    break;
                }
                byte[] b = Await.of(s.read(16 * 1024, Duration.ofNanos(left)));
                if (b.length == 0) {
                    ended = Outcome.CLOSED;
                    break;
                }
                parser.feed(b);
            }
        } catch (NetworkException e) {
            ended = e.failure() == NetworkFailure.IO_TIMEOUT ? Outcome.TIMEOUT : Outcome.RESET;
            detail = e.getMessage();
        }
        return result(parser.flight(), ended, detail, deadline);
    }

    /** Classifies what came back; shared with the DTLS probe. */
    public static Result result(ServerFlight f, Outcome ended, String detail, Duration deadline) {
        if (f.answered()) return new Result(Outcome.ANSWERED, f, f.malformed());
        if (f.alert() != null) return new Result(Outcome.ALERT, f, f.alert().toString());
        if (f.malformed() != null) return new Result(Outcome.NOT_TLS, f, f.malformed() + describe(f.firstBytes()));
        if (ended == null) ended = Outcome.CLOSED;
        if (ended == Outcome.TIMEOUT) {
            detail = f.bytes() == 0 ? "no answer within " + deadline.toMillis() + " ms"
                    : "incomplete answer (" + f.bytes() + " bytes) within " + deadline.toMillis() + " ms";
        } else if (detail == null) {
            detail = "closed without an alert";
        }
        return new Result(ended, f, detail);
    }

    /** The first bytes of a non-TLS answer, printable, so a report can say what the port speaks. */
    static String describe(byte[] first) {
        if (first.length == 0) return "";
        StringBuilder sb = new StringBuilder(" (first bytes: \"");
        for (byte b : first) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f) sb.append((char) c);
            else sb.append(String.format("\\x%02x", c));
        }
        return sb.append("\")").toString();
    }
}
