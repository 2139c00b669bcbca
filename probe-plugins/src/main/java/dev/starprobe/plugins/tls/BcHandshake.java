package dev.starprobe.plugins.tls;

import dev.starprobe.model.NetworkFailure;
import dev.starprobe.spi.Network;
import dev.starprobe.spi.NetworkException;
import dev.starprobe.spi.Session;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerOnlyTlsAuthentication;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsSession;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A complete TLS handshake with Bouncy Castle's low-level client, driven in non-blocking mode over an
 * engine session so every wait has a deadline. Used where the first flight is not enough: the
 * certificate of a TLS 1.3 server (encrypted), session resumption, and the tickets a 1.3 server
 * sends after the handshake (whether they allow 0-RTT early data).
 */
final class BcHandshake {
    /**
     * @param completed     the handshake finished
     * @param version       negotiated version ("TLSv1.2"), or null
     * @param chain         the server's certificates, DER, leaf first
     * @param resumed       the server resumed the offered session
     * @param maxEarlyData  TLS 1.3: the largest max_early_data_size announced in a NewSessionTicket, or null if none announced it
     * @param tickets       TLS 1.3 NewSessionTickets received
     * @param session       a session to offer for resumption next time, or null
     * @param error         why it did not complete, or null
     */
    record Outcome(boolean completed, String version, List<byte[]> chain, boolean resumed, Integer maxEarlyData,
                   int tickets, TlsSession session, String error) {
    }

    private BcHandshake() {
    }

    /**
     * @param resume        a session from an earlier handshake to offer, or null
     * @param ticketWait    how long to keep reading after the handshake for TLS 1.3 tickets (zero: not at all)
     * @throws NetworkException when the connection itself cannot be made
     */
    static Outcome run(Network net, int port, Duration deadline, ProtocolVersion[] versions, int[] suites,
                       TlsSession resume, Duration ticketWait) throws NetworkException, InterruptedIOException {
        Session s = Await.of(net.tcp(port));
        BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
        Client client = new Client(crypto, versions, suites, resume);
        Protocol p = new Protocol();
        try {
            long end = System.nanoTime() + deadline.toNanos();
            p.connect(client);
            flush(p, s);
            while (!client.done && !p.isClosed()) {
                long left = end - System.nanoTime();
                if (left <= 0) return failed(client, p, "no complete handshake within " + deadline.toMillis() + " ms");
                byte[] in = Await.of(s.read(16 * 1024, Duration.ofNanos(left)));
                if (in.length == 0) return failed(client, p, "closed during the handshake");
                p.offerInput(in);
                flush(p, s);
            }
            if (!client.done) return failed(client, p, "closed during the handshake");
            if (!ticketWait.isZero() && TlsUtils.isTLSv13(client.context())) {
                long until = System.nanoTime() + ticketWait.toNanos();
                while (!p.isClosed()) {
                    long left = until - System.nanoTime();
                    if (left <= 0) break;
                    byte[] in;
                    try {
                        in = Await.of(s.read(16 * 1024, Duration.ofNanos(left)));
                    } catch (NetworkException e) {
                        break; // no more tickets
                    }
                    if (in.length == 0) break;
                    p.offerInput(in);
                    flush(p, s);
                }
            }
            var sp = client.context().getSecurityParametersConnection();
            return new Outcome(true, client.context().getServerVersion().getName(), client.chain, sp.isResumedSession(),
                    p.maxEarlyData, p.tickets, client.context().getResumableSession(), null);
        } catch (NetworkException e) {
            if (e.failure() == NetworkFailure.IO_TIMEOUT) return failed(client, p, e.getMessage());
            return failed(client, p, "connection failed during the handshake: " + e.getMessage());
        } catch (IOException e) {
            return failed(client, p, "handshake failed: " + e.getMessage());
        } finally {
            closeNotify(p, s);
            s.close();
        }
    }

    /**
     * Ends a finished handshake politely: servers such as OpenSSL drop a session from their cache
     * when the connection ends without close_notify, which would hide resumption support.
     */
    private static void closeNotify(TlsClientProtocol p, Session s) {
        try {
            if (p.isConnected()) {
                p.close();
                flush(p, s);
            }
        } catch (IOException | RuntimeException ignored) {
            // closing anyway
        }
    }

    private static Outcome failed(Client c, Protocol p, String why) {
        return new Outcome(false, null, c.chain, false, p.maxEarlyData, p.tickets, null, why);
    }

    private static void flush(TlsClientProtocol p, Session s) throws IOException {
        int n = p.getAvailableOutputBytes();
        if (n > 0) {
            byte[] out = new byte[n];
            p.readOutput(out, 0, n);
            Await.of(s.write(out));
        }
    }

    /** Reads TLS 1.3 NewSessionTickets for the early_data extension before the library processes them. */
    private static final class Protocol extends TlsClientProtocol {
        Integer maxEarlyData;
        int tickets;

        @Override
        protected void receive13NewSessionTicket(ByteArrayInputStream buf) throws IOException {
            tickets++;
            byte[] copy = buf.readAllBytes(); // the library's stream cannot be re-read (no mark): hand it a copy
            Integer early = TicketEarlyData.maxEarlyData(copy);
            if (early != null) maxEarlyData = maxEarlyData == null ? early : Math.max(maxEarlyData, early);
            super.receive13NewSessionTicket(new ByteArrayInputStream(copy));
        }
    }

    private static final class Client extends DefaultTlsClient {
        private final ProtocolVersion[] versions;
        private final int[] suites;
        private final TlsSession resume;
        final List<byte[]> chain = new ArrayList<>();
        volatile boolean done;

        Client(BcTlsCrypto crypto, ProtocolVersion[] versions, int[] suites, TlsSession resume) {
            super(crypto);
            this.versions = versions;
            this.suites = suites;
            this.resume = resume;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return versions;
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return TlsUtils.getSupportedCipherSuites(getCrypto(), suites);
        }

        org.bouncycastle.tls.TlsClientContext context() {
            return context;
        }

        @Override
        public TlsSession getSessionToResume() {
            return resume;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new ServerOnlyTlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate sc) throws IOException {
                    // recorded, never judged here: the certificate policy is the check's job
                    for (TlsCertificate c : sc.getCertificate().getCertificateList()) {
                        if (chain.size() < 16) chain.add(c.getEncoded());
                    }
                }
            };
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            done = true;
        }
    }
}
