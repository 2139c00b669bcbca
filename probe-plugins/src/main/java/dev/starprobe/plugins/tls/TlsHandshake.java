package dev.starprobe.plugins.tls;

import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerOnlyTlsAuthentication;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * One TLS client handshake with Bouncy Castle's low-level API over streams the engine provides,
 * offering whatever versions and suites the caller chooses (the JDK refuses legacy ones, a scanner
 * must not). The caller owns the streams; this class never opens a socket.
 */
public final class TlsHandshake {

    /** A broad offer: TLS 1.3 down to 1.0, modern and legacy suites, to learn whether TLS is spoken at all. */
    public static final int[] BROAD_SUITES = {
            CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384, CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
            CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_DHE_RSA_WITH_AES_128_CBC_SHA,
            CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384,
            CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA,
            CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA,
    };

    /**
     * @param version      negotiated protocol version ("TLSv1.2")
     * @param cipherSuite  negotiated suite number
     * @param certificates the server's chain, leaf first, DER
     */
    public record Result(String version, int cipherSuite, List<byte[]> certificates, TlsClientProtocol protocol) {
        public Certificate leaf() {
            return certificates.isEmpty() ? null : Certificate.getInstance(certificates.get(0));
        }
    }

    private TlsHandshake() {
    }

    public static Result run(InputStream in, OutputStream out, ProtocolVersion[] versions, int[] suites) throws IOException {
        BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
        List<byte[]> chain = new ArrayList<>();
        String[] version = new String[1];
        int[] suite = new int[1];
        DefaultTlsClient client = new DefaultTlsClient(crypto) {
            @Override
            public void notifyHandshakeComplete() throws IOException {
                super.notifyHandshakeComplete();
                version[0] = context.getServerVersion().getName();
                suite[0] = context.getSecurityParametersConnection().getCipherSuite();
            }

            @Override
            protected ProtocolVersion[] getSupportedVersions() {
                return versions;
            }

            @Override
            protected int[] getSupportedCipherSuites() {
                return org.bouncycastle.tls.TlsUtils.getSupportedCipherSuites(crypto, suites);
            }

            @Override
            public TlsAuthentication getAuthentication() {
                return new ServerOnlyTlsAuthentication() {
                    @Override
                    public void notifyServerCertificate(TlsServerCertificate sc) throws IOException {
                        // record, never judge here: certificate policy is a check's job
                        for (TlsCertificate c : sc.getCertificate().getCertificateList()) chain.add(c.getEncoded());
                    }
                };
            }
        };
        TlsClientProtocol protocol = new TlsClientProtocol(in, out);
        protocol.connect(client);
        return new Result(version[0], suite[0], List.copyOf(chain), protocol);
    }

    public static ProtocolVersion[] allTls() {
        return ProtocolVersion.TLSv13.downTo(ProtocolVersion.TLSv10);
    }
}
