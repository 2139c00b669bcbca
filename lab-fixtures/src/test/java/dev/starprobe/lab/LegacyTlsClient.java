package dev.starprobe.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerOnlyTlsAuthentication;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/** A Bouncy Castle low-level TLS client that offers exactly the versions and suites it is told to. */
public final class LegacyTlsClient {
    /** A completed handshake. */
    public record Session(TlsClientProtocol protocol, Socket socket, ProtocolVersion version, int suite,
                          X509Certificate certificate) implements AutoCloseable {
        public String request(String plain, int max) throws IOException {
            OutputStream out = protocol.getOutputStream();
            out.write(plain.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = protocol.getInputStream();
            return TestClients.readUntil(in, "</html>", max);
        }

        @Override
        public void close() throws IOException {
            try {
                protocol.close();
            } finally {
                socket.close();
            }
        }
    }

    private LegacyTlsClient() {}

    /** Handshakes; throws an IOException (usually a TlsFatalAlert) when the server refuses the offer. */
    public static Session connect(InetAddress a, int port, ProtocolVersion[] versions, int[] suites) throws IOException {
        Socket s = TestClients.connect(a, port);
        TlsClientProtocol p = new TlsClientProtocol(s.getInputStream(), s.getOutputStream());
        X509Certificate[] seen = new X509Certificate[1];
        ProtocolVersion[] version = new ProtocolVersion[1];
        int[] suite = new int[1];
        DefaultTlsClient client = new DefaultTlsClient(new BcTlsCrypto(new SecureRandom())) {
            @Override
            protected ProtocolVersion[] getSupportedVersions() {
                return versions;
            }

            @Override
            protected int[] getSupportedCipherSuites() {
                return suites;
            }

            @Override
            public void notifyHandshakeComplete() throws IOException {
                super.notifyHandshakeComplete();
                version[0] = context.getServerVersion();
                suite[0] = context.getSecurityParametersConnection().getCipherSuite();
            }

            @Override
            public TlsAuthentication getAuthentication() {
                return new ServerOnlyTlsAuthentication() {
                    @Override
                    public void notifyServerCertificate(TlsServerCertificate c) throws IOException {
                        Certificate chain = c.getCertificate();
                        try {
                            seen[0] = (X509Certificate) CertificateFactory.getInstance("X.509")
                                    .generateCertificate(new ByteArrayInputStream(chain.getCertificateAt(0).getEncoded()));
                        } catch (java.security.cert.CertificateException e) {
                            throw new IOException(e);
                        }
                    }
                };
            }
        };
        try {
            p.connect(client);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return new Session(p, s, version[0], suite[0], seen[0]);
    }
}
