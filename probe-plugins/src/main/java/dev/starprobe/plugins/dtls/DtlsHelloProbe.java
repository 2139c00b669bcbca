package dev.starprobe.plugins.dtls;

import dev.starprobe.model.NetworkFailure;
import dev.starprobe.plugins.tls.Await;
import dev.starprobe.plugins.tls.HelloProbe;
import dev.starprobe.plugins.tls.HelloTransport;
import dev.starprobe.plugins.tls.wire.ClientHello;
import dev.starprobe.plugins.tls.wire.FlightParser;
import dev.starprobe.plugins.tls.wire.Suites;
import dev.starprobe.spi.DatagramSession;
import dev.starprobe.spi.Network;
import dev.starprobe.spi.NetworkException;

import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * A DTLS ClientHello over an engine UDP session (scope-checked, budgeted, transcribed), with the
 * cookie exchange (RFC 6347 4.2.1) and a bounded retransmission, then the server's first flight.
 * Works for any DTLS version and suite, which Scandium cannot offer (it speaks DTLS 1.2 and the
 * suites it implements).
 */
public final class DtlsHelloProbe implements HelloTransport {
    /** Retransmit a flight that got no answer after this long (RFC 6347 suggests 1 s). */
    static final Duration RETRANSMIT = Duration.ofMillis(1000);
    static final int MAX_FLIGHT = 128 * 1024;

    private final Network net;
    private final int port;
    private final Duration deadline;
    private int sent;

    public DtlsHelloProbe(Network net, int port, Duration deadline) {
        this.net = net;
        this.port = port;
        this.deadline = deadline;
    }

    @Override
    public int sent() {
        return sent;
    }

    /**
     * @throws NetworkException REFUSED when the port answered ICMP port unreachable: nothing listens
     */
    @Override
    public HelloProbe.Result send(ClientHello hello) throws NetworkException, InterruptedIOException {
        DatagramSession s = Await.of(net.udp(port));
        sent++;
        try {
            return exchange(s, hello);
        } finally {
            s.close();
        }
    }

    private HelloProbe.Result exchange(DatagramSession s, ClientHello hello) throws NetworkException, InterruptedIOException {
        FlightParser parser = new FlightParser(true, Suites.builtIn(), MAX_FLIGHT);
        long end = System.nanoTime() + deadline.toNanos();
        byte[] flight = hello.dtlsRecord(null, 0, 0);
        boolean cookieSent = false;
        boolean answered = false;
        int retransmits = 0;
        Await.of(s.send(flight));
        HelloProbe.Outcome ended = null;
        while (!parser.done()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                ended = HelloProbe.Outcome.TIMEOUT;
                break;
            }
            byte[] d;
            try {
                d = Await.of(s.receive(Duration.ofNanos(Math.min(left, RETRANSMIT.toNanos()))));
            } catch (NetworkException e) {
                if (e.failure() == NetworkFailure.IO_TIMEOUT) {
                    if (retransmits < 2) { // the datagram or its answer may have been lost
                        retransmits++;
                        Await.of(s.send(flight));
                    }
                    continue;
                }
                if (e.failure() == NetworkFailure.REFUSED && !answered) throw e;
                ended = HelloProbe.Outcome.RESET;
                break;
            }
            answered = true;
            parser.feed(d);
            var f = parser.flight();
            if (f.dtlsCookie() != null && !cookieSent && f.hello() == null) {
                cookieSent = true;
                retransmits = 0;
                parser = new FlightParser(true, Suites.builtIn(), MAX_FLIGHT);
                flight = hello.dtlsRecord(f.dtlsCookie(), 1, 1);
                Await.of(s.send(flight));
            }
        }
        return HelloProbe.result(parser.flight(), ended, null, deadline);
    }
}
