package dev.starprobe.lab.tls;

import dev.starprobe.lab.TrafficLog;
import dev.starprobe.lab.net.ServiceContext;
import io.netty.channel.socket.SocketChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Weak device TLS: TLS 1.0 to 1.2 with only non-forward-secret RSA key exchange and CBC suites (3DES and
 * AES), behind a 1024-bit RSA self-signed certificate signed with SHA-1.
 */
public final class LegacyTls implements TlsProfile {
    public static final ProtocolVersion[] VERSIONS = ProtocolVersion.TLSv12.downTo(ProtocolVersion.TLSv10);
    public static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA,
        CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA,
    };

    private final BcTlsCrypto crypto = new BcTlsCrypto(LabPki.random());
    private final LabPki.Identity identity;
    private final Certificate certificate;
    private final AsymmetricKeyParameter privateKey;

    private LegacyTls(LabPki.Identity identity) throws IOException {
        this.identity = identity;
        TlsCertificate leaf;
        try {
            leaf = crypto.createCertificate(identity.leaf().getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IOException(e);
        }
        this.certificate = new Certificate(new TlsCertificate[] {leaf});
        this.privateKey = PrivateKeyFactory.createKey(identity.key().getEncoded());
    }

    /** A self-signed 1024-bit RSA / SHA-1 certificate named after the device, valid for 20 years. */
    public static LegacyTls forDevice(String commonName, InetAddress address) {
        try {
            return new LegacyTls(LabPki.selfSigned(commonName, LabPki.KeyKind.RSA_1024, "SHA1withRSA",
                    Duration.ofDays(20 * 365), address));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public LabPki.Identity identity() {
        return identity;
    }

    @Override
    public void install(SocketChannel ch, ServiceContext ctx) {
        LegacyTlsServer server = new LegacyTlsServer(crypto, certificate, privateKey, VERSIONS, CIPHER_SUITES,
                (version, suite) -> ctx.log().record(TrafficLog.Kind.TLS_HANDSHAKE, ctx.service(), ctx.port(),
                        ch.remoteAddress(), version + " " + CipherSuiteNames.name(suite), true));
        ch.pipeline().addFirst("tls", new LegacyTlsHandler(server));
    }

    @Override
    public String description() {
        return "TLS 1.0-1.2, RSA key exchange with CBC suites (3DES, AES), 1024-bit RSA self-signed SHA-1 certificate";
    }
}
