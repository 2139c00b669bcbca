package dev.starprobe.lab;

import dev.starprobe.lab.proto.CoapService;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;

/** Californium clients on explicit loopback endpoints (never the JVM-wide default endpoint). */
public final class CoapClients {
    private CoapClients() {}

    /** A client for coap://address:port/path; destroy it with {@link #close}. */
    public static CoapClient plain(InetAddress a, int port, String path) {
        Configuration c = CoapService.configuration();
        CoapEndpoint ep = new CoapEndpoint.Builder().setConfiguration(c)
                .setInetSocketAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build();
        CoapClient client = new CoapClient("coap://" + a.getHostAddress() + ":" + port + "/" + path);
        client.setEndpoint(ep);
        client.setTimeout(3000L);
        return client;
    }

    /** A CoAPs client with a PSK identity, or (identity null) certificate-based trusting any server certificate. */
    public static CoapClient dtls(InetAddress a, int port, String path, String identity, byte[] secret) {
        Configuration c = CoapService.configuration();
        c.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
        DtlsConnectorConfig.Builder b = DtlsConnectorConfig.builder(c)
                .setAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        if (identity != null) {
            b.setAdvancedPskStore(new AdvancedSinglePskStore(identity, secret));
        } else {
            b.setAdvancedCertificateVerifier(StaticNewAdvancedCertificateVerifier.builder().setTrustAllCertificates().build());
        }
        CoapEndpoint ep = new CoapEndpoint.Builder().setConfiguration(c).setConnector(new DTLSConnector(b.build())).build();
        CoapClient client = new CoapClient("coaps://" + a.getHostAddress() + ":" + port + "/" + path);
        client.setEndpoint(ep);
        client.setTimeout(5000L);
        return client;
    }

    public static void close(CoapClient client) {
        client.getEndpoint().destroy();
        client.shutdown();
    }
}
