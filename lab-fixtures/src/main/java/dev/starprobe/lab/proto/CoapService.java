package dev.starprobe.lab.proto;

import dev.starprobe.lab.TrafficLog;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.tls.LabPki;
import dev.starprobe.model.Transport;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;

/**
 * CoAP servers on Eclipse Californium: plain CoAP over UDP, or CoAPs over Scandium DTLS 1.2 with a PSK
 * identity and an EC certificate. Configuration is built in memory (no Californium3.properties file is
 * read or written) and the server's executors are the device's own, stopped on close.
 */
public final class CoapService {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private CoapService() {}

    /** A configuration without any file. */
    public static Configuration configuration() {
        Configuration c = new Configuration(CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS, DtlsConfig.DEFINITIONS);
        c.set(CoapConfig.MAX_ACTIVE_PEERS, 1000);
        c.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        c.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
        c.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, 1);
        c.set(UdpConfig.UDP_SENDER_THREAD_COUNT, 1);
        return c;
    }

    /** Plain CoAP on {@code port} (service "coap"). */
    public static CoapServer startUdp(DeviceRuntime rt, int port, Resource... resources) {
        Configuration config = configuration();
        CoapEndpoint ep = new CoapEndpoint.Builder().setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress(rt.address(), port)).build();
        return start(rt, port, "coap", config, ep, resources);
    }

    /**
     * CoAPs on {@code port} (service "coaps"): DTLS 1.2 with TLS_PSK_WITH_AES_128_CCM_8 /
     * TLS_PSK_WITH_AES_128_GCM_SHA256 for {@code pskIdentity}, and TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 /
     * _CCM_8 with a lab-CA certificate (client certificates not required).
     */
    public static CoapServer startDtls(DeviceRuntime rt, int port, String pskIdentity, byte[] pskSecret,
                                       Resource... resources) {
        Configuration config = configuration();
        config.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NONE);
        config.setAsList(DtlsConfig.DTLS_CIPHER_SUITES,
                CipherSuite.TLS_PSK_WITH_AES_128_CCM_8, CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8);
        LabPki.Identity id = LabPki.issued(rt.device(), LabPki.KeyKind.EC_P256, rt.address());
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress(rt.address(), port))
                .setAdvancedPskStore(new AdvancedSinglePskStore(pskIdentity, pskSecret))
                .setCertificateIdentityProvider(new SingleCertificateProvider(id.key(), (Certificate[]) id.chain(),
                        CertificateType.X_509))
                .setLoggingTag(rt.device())
                .build();
        CoapEndpoint ep = new CoapEndpoint.Builder().setConfiguration(config)
                .setConnector(new DTLSConnector(dtls)).build();
        return start(rt, port, "coaps", config, ep, resources);
    }

    private static CoapServer start(DeviceRuntime rt, int port, String service, Configuration config, CoapEndpoint ep,
                                    Resource... resources) {
        ep.addInterceptor(new MessageInterceptorAdapter() {
            @Override
            public void receiveRequest(Request request) {
                InetSocketAddress peer = request.getSourceContext().getPeerAddress();
                rt.log().record(TrafficLog.Kind.CONNECTION, service, port, peer, "", true);
                rt.log().record(TrafficLog.Kind.REQUEST, service, port, peer,
                        request.getCode() + " /" + request.getOptions().getUriPathString(), true);
            }
        });
        CoapServer server = new CoapServer(config);
        ScheduledExecutorService main = Executors.newScheduledThreadPool(1, r -> thread(rt, r, "main"));
        ScheduledExecutorService secondary = Executors.newScheduledThreadPool(1, r -> thread(rt, r, "timer"));
        server.setExecutors(main, secondary, false);
        server.addEndpoint(ep);
        server.add(resources);
        server.start();
        rt.register(Transport.UDP, port, () -> {
            server.destroy();
            main.shutdownNow();
            secondary.shutdownNow();
        });
        return server;
    }

    private static Thread thread(DeviceRuntime rt, Runnable r, String role) {
        Thread t = new Thread(r, DeviceRuntime.threadPrefix(rt.device()) + "-coap-" + role + "-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    }
}
