package dev.starprobe.lab.tls;

import dev.starprobe.lab.TrafficLog;
import dev.starprobe.lab.net.ServiceContext;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import java.net.InetAddress;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;

/**
 * Hardened TLS: TLS 1.2 and 1.3 only, ECDHE key exchange with AEAD suites only, a P-256 certificate issued
 * by the lab CA. Runs on the JDK's own TLS stack (SunJSSE) without touching any JVM-wide setting: the
 * SSLContext is built directly (no trust store is loaded, no client certificate is asked for) and each
 * connection gets a Netty {@link SslHandler} around its own engine.
 */
public final class ModernTls implements TlsProfile {
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");

    private final SSLContext context;
    private final LabPki.Identity identity;

    private ModernTls(LabPki.Identity identity) throws Exception {
        this.identity = identity;
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("device", identity.key(), new char[0], identity.chain());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        this.context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), new TrustManager[0], LabPki.random());
    }

    /** A profile whose certificate names {@code address} and is issued by the lab CA. */
    public static ModernTls forDevice(String deviceName, InetAddress address) {
        try {
            return new ModernTls(LabPki.issued(deviceName, LabPki.KeyKind.EC_P256, address));
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up TLS for " + deviceName, e);
        }
    }

    public LabPki.Identity identity() {
        return identity;
    }

    @Override
    public void install(SocketChannel ch, ServiceContext ctx) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setEnabledProtocols(PROTOCOLS.toArray(String[]::new));
        engine.setEnabledCipherSuites(CIPHER_SUITES.toArray(String[]::new));
        SSLParameters p = engine.getSSLParameters();
        p.setUseCipherSuitesOrder(true);
        engine.setSSLParameters(p);
        SslHandler ssl = new SslHandler(engine);
        ssl.setHandshakeTimeoutMillis(10_000);
        ch.pipeline().addFirst("tls", ssl);
        ssl.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) {
                SSLSession s = ssl.engine().getSession();
                ctx.log().record(TrafficLog.Kind.TLS_HANDSHAKE, ctx.service(), ctx.port(), ch.remoteAddress(),
                        s.getProtocol() + " " + s.getCipherSuite(), true);
            } else {
                ctx.log().record(TrafficLog.Kind.TLS_HANDSHAKE, ctx.service(), ctx.port(), ch.remoteAddress(),
                        String.valueOf(f.cause()), false);
            }
        });
    }

    @Override
    public String description() {
        return "TLS 1.2/1.3, ECDHE+AEAD only, P-256 certificate issued by the lab CA";
    }
}
