package dev.starprobe.lab.tls;

import java.io.IOException;
import java.util.function.BiConsumer;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedDecryptor;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedDecryptor;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * One connection's TLS server on Bouncy Castle's low-level API: it offers exactly the versions and suites it
 * is given (e.g. TLS 1.0 with RSA key exchange), which the JDK's stack refuses to do.
 */
final class LegacyTlsServer extends DefaultTlsServer {
    private final BcTlsCrypto crypto;
    private final Certificate certificate;
    private final AsymmetricKeyParameter privateKey;
    private final ProtocolVersion[] versions;
    private final int[] suites;
    private final BiConsumer<ProtocolVersion, Integer> onHandshake;

    LegacyTlsServer(BcTlsCrypto crypto, Certificate certificate, AsymmetricKeyParameter privateKey,
                    ProtocolVersion[] versions, int[] suites, BiConsumer<ProtocolVersion, Integer> onHandshake) {
        super(crypto);
        this.crypto = crypto;
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.versions = versions;
        this.suites = suites;
        this.onHandshake = onHandshake;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return versions;
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), suites);
    }

    @Override
    protected TlsCredentialedDecryptor getRSAEncryptionCredentials() throws IOException {
        return new BcDefaultTlsCredentialedDecryptor(crypto, certificate, privateKey);
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        onHandshake.accept(context.getServerVersion(), context.getSecurityParametersConnection().getCipherSuite());
    }
}
