package dev.starprobe.plugins.coap;

import dev.starprobe.net.Cidr;
import dev.starprobe.net.NetSettings;
import dev.starprobe.net.NetworkRuntime;
import dev.starprobe.net.ScopeGuard;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.UDPConnector;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.core.config.CoapConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuardedConnectorTest {
    @BeforeAll
    static void register() {
        CoapConfig.register();
    }

    @Test
    void coapThroughTheGuardWorksIsTranscribedAndStaysInScope() throws Exception {
        Configuration cfg = Configuration.createStandardWithoutFile();
        InetAddress device = InetAddress.getByName("127.0.2.1");
        CoapServer server = new CoapServer(cfg);
        server.addEndpoint(new CoapEndpoint.Builder().setConfiguration(cfg).setInetSocketAddress(new InetSocketAddress(device, 0)).build());
        server.add(new CoapResource("hello") {
            @Override
            public void handleGET(CoapExchange exchange) {
                exchange.respond("world");
            }
        });
        server.start();
        int port = server.getEndpoints().get(0).getAddress().getPort();
        try (NetworkRuntime rt = new NetworkRuntime(NetSettings.defaults(), new ScopeGuard(List.of(Cidr.parse("127.0.2.1")), false))) {
            var net = rt.forDevice(device, "check:coap");
            GuardedConnector connector = new GuardedConnector(
                    new UDPConnector(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), cfg), net, "127.0.2.1:" + port);
            CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(cfg).setConnector(connector).build();
            endpoint.start();
            try {
                CoapClient client = new CoapClient("coap://127.0.2.1:" + port + "/hello").setEndpoint(endpoint).setTimeout(2000L);
                CoapResponse r = client.get();
                assertEquals("world", r.getResponseText());
                var t = net.transcripts().get(0);
                assertEquals(2, t.entries().size(), "request and response transcribed");

                CoapClient outside = new CoapClient("coap://127.0.2.2:" + port + "/hello").setEndpoint(endpoint).setTimeout(500L);
                var refused = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, outside::get);
                assertTrue(refused.getMessage().contains("outside the scope"), refused.getMessage());
                assertEquals("127.0.2.2", rt.guard().refusals().get(0).address());
                assertTrue(rt.limiterFor(device).inFlight() == 1, "the connector holds one slot while running");
            } finally {
                endpoint.destroy();
            }
            assertEquals(0, rt.limiterFor(device).inFlight(), "slot released on destroy");
        } finally {
            server.destroy();
        }
    }
}
