package dev.starprobe.lab.tls;

import dev.starprobe.lab.TrafficLog;
import dev.starprobe.lab.net.ServiceContext;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.net.InetAddress;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * Hardened TLS: TLS 1.2 and 1.3 only, ECDHE key exchange with AEAD suites only, a P-256 certificate issued
 * by the lab CA. Runs on the JDK's own TLS stack (SunJSSE) without touching any JVM-wide setting.
 */
public final class ModernTls implements TlsProfile {
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");

    private final SslContext context;
    private final LabPki.Identity identity;

    private ModernTls(LabPki.Identity identity) throws SSLException {
        this.identity = identity;
        this.context = SslContextBuilder.forServer(identity.key(), identity.chain())
                .sslProvider(SslProvider.JDK)
                .protocols(PROTOCOLS)
                .ciphers(CIPHER_SUITES)
                .build();
    }

    /** A profile whose certificate names {@code address} and is issued by the lab CA. */
    public static ModernTls forDevice(String deviceName, InetAddress address) {
        try {
            return new ModernTls(LabPki.issued(deviceName, LabPki.KeyKind.EC_P256, address));
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    public LabPki.Identity identity() {
        return identity;
    }

    @Override
    public void install(SocketChannel ch, ServiceContext ctx) {
        SslHandler ssl = context.newHandler(ch.alloc());
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
