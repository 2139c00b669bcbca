package dev.starprobe.plugins.coap;

import dev.starprobe.spi.Network;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.UDPConnector;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.elements.exception.ConnectorException;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Californium CoAP client endpoint to one device, plain or over DTLS, under the engine's rules
 * ({@link GuardedConnector}: scope, connection budget, transcripts). Retransmissions are cut to fit the
 * scan's I/O timeout, and every request is bounded by it. Over DTLS it offers only certificate-based
 * suites and presents no identity of its own (no PSK, no client certificate): what it reaches is what an
 * unauthenticated client reaches. Any server certificate is accepted; judging it is the TLS checks' job.
 */
public final class CoapChannel implements AutoCloseable {
    private static final List<CipherSuite> ANONYMOUS_CLIENT_SUITES = List.of(
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384);

    static {
        CoapConfig.register();
        UdpConfig.register();
        DtlsConfig.register();
    }

    private final CoapEndpoint endpoint;
    private final String base;
    private final long timeoutMillis;

    private CoapChannel(CoapEndpoint endpoint, String base, long timeoutMillis) {
        this.endpoint = endpoint;
        this.base = base;
        this.timeoutMillis = timeoutMillis;
    }

    /** An endpoint to {@code peer}; {@code dtls} for CoAPs. */
    public static CoapChannel open(Network net, InetSocketAddress peer, boolean dtls, Duration timeout) throws IOException {
        Configuration cfg = Configuration.createStandardWithoutFile();
        long ms = Math.max(200, timeout.toMillis());
        cfg.set(CoapConfig.ACK_TIMEOUT, Math.max(100, ms / 3), TimeUnit.MILLISECONDS);
        cfg.set(CoapConfig.ACK_INIT_RANDOM, 1.0f);
        cfg.set(CoapConfig.MAX_RETRANSMIT, 1);
        Connector raw;
        if (dtls) {
            DtlsConnectorConfig.Builder b = DtlsConnectorConfig.builder(cfg)
                    .setAddress(new InetSocketAddress(0))
                    .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
                    .set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false)
                    .set(DtlsConfig.DTLS_CIPHER_SUITES, ANONYMOUS_CLIENT_SUITES.stream().filter(CipherSuite::isSupported).toList())
                    .set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, 2)
                    .set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, Math.max(200, ms / 3), TimeUnit.MILLISECONDS)
                    .setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder()
                            .setTrustAllCertificates().setTrustAllRPKs()
                            .setSupportedCertificateTypes(List.of(CertificateType.X_509, CertificateType.RAW_PUBLIC_KEY)).build());
            raw = new DTLSConnector(b.build());
        } else {
            raw = new UDPConnector(new InetSocketAddress(0), cfg);
        }
        String host = peer.getAddress().getHostAddress();
        GuardedConnector guarded = new GuardedConnector(raw, net, host + ":" + peer.getPort());
        CoapEndpoint ep = new CoapEndpoint.Builder().setConfiguration(cfg).setConnector(guarded).build();
        ep.start();
        String literal = host.contains(":") ? "[" + host + "]" : host;
        return new CoapChannel(ep, (dtls ? "coaps://" : "coap://") + literal + ":" + peer.getPort(), ms);
    }

    /** GET {@code path}; null when nothing (or nothing valid) came back in time. */
    public CoapResponse get(String path) throws IOException {
        return call(path, c -> c.get());
    }

    /** PUT {@code payload} with {@code contentFormat} (-1 for none) to {@code path}; null on no answer. */
    public CoapResponse put(String path, byte[] payload, int contentFormat) throws IOException {
        return call(path, c -> c.put(payload, contentFormat));
    }

    private interface Request {
        CoapResponse send(CoapClient c) throws ConnectorException, IOException;
    }

    private CoapResponse call(String path, Request r) throws IOException {
        CoapClient c = new CoapClient(base + path).setEndpoint(endpoint).setTimeout(timeoutMillis);
        try {
            return r.send(c);
        } catch (ConnectorException e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            c.shutdown();
        }
    }

    @Override
    public void close() {
        endpoint.destroy();
    }
}
