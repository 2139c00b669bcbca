package dev.starprobe.plugins.tls;

import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.ExecutionStatus;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Verdict;
import dev.starprobe.net.LoopbackServer;
import dev.starprobe.plugins.tls.fixtures.BcTlsServer;
import dev.starprobe.plugins.tls.fixtures.ScandiumServer;
import dev.starprobe.plugins.tls.fixtures.Servers;
import dev.starprobe.plugins.tls.fixtures.TestPki;
import org.bouncycastle.tls.ProtocolVersion;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.starprobe.plugins.tls.TlsScans.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CleartextAlternativeCheckTest {
    private static LoopbackServer http(String address, String response) throws IOException {
        return new LoopbackServer(address, (s, out) -> {
            try {
                if (s.getInputStream().read(new byte[4096]) > 0) {
                    out.write(response.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            } catch (IOException ignored) {
                // client went away
            }
        });
    }

    private static DeviceResult scanPorts(String host, Path out, Map<String, String> settings, int... ports) {
        return dump(scan(List.of(host), ports, out, settings).devices().get(0));
    }

    @Test
    void httpServingBesideHttpsFails(@TempDir Path out) throws Exception {
        try (BcTlsServer https = Servers.hardened("127.0.11.1");
             var plain = http("127.0.11.1", "HTTP/1.1 200 OK\r\nServer: cam\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello")) {
            DeviceResult d = scanPorts("127.0.11.1", out, Map.of(), https.port(), plain.port());
            Finding f = rule(d, "cleartext.alternative", "cleartext.http-beside-https");
            assertEquals(Verdict.FAIL, f.verdict());
            assertTrue(f.reason().contains("HTTP 200 on port " + plain.port()), f.reason());
        }
    }

    @Test
    void httpThatOnlyRedirectsToHttpsPasses(@TempDir Path out) throws Exception {
        try (BcTlsServer https = Servers.hardened("127.0.11.2");
             var plain = http("127.0.11.2", "HTTP/1.1 301 Moved Permanently\r\nLocation: https://127.0.11.2/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")) {
            DeviceResult d = scanPorts("127.0.11.2", out, Map.of(), https.port(), plain.port());
            assertEquals(Verdict.PASS, verdict(d, "cleartext.alternative"), findings(d, "cleartext.alternative").toString());
        }
    }

    @Test
    void plainMqttBesideMqttOverTlsFails(@TempDir Path out) throws Exception {
        String host = "127.0.11.3";
        var id = TestPki.issued(TestPki.Kind.EC_P256, TestPki.keys(TestPki.Kind.EC_P256), "broker", Duration.ofDays(90), host);
        try (var mqtts = new BcTlsServer(host, new BcTlsServer.Config(new ProtocolVersion[]{ProtocolVersion.TLSv12}, Servers.HARDENED_SUITES, id), 8883);
             var broker = fixedPort(host, 1883)) {
            DeviceResult d = scanPorts(host, out, Map.of(), 8883, 1883);
            Finding f = rule(d, "cleartext.alternative", "cleartext.mqtt-beside-mqtts");
            assertEquals(Verdict.FAIL, f.verdict());
            assertTrue(f.reason().contains("CONNACK"), f.reason());
        }
    }

    @Test
    void plainCoapBesideDtlsFails(@TempDir Path out) throws Exception {
        String host = "127.0.11.4";
        CoapConfig.register();
        Configuration cfg = Configuration.createStandardWithoutFile();
        CoapServer coap = new CoapServer(cfg);
        coap.addEndpoint(new CoapEndpoint.Builder().setConfiguration(cfg)
                .setInetSocketAddress(new InetSocketAddress(InetAddress.getByName(host), 5683)).build());
        coap.start();
        try (var dtls = ScandiumServer.psk(host, "id", "key", CipherSuite.TLS_PSK_WITH_AES_128_CCM_8);
             var ssh = new LoopbackServer(host, LoopbackServer.banner("SSH-2.0-x\r\n".getBytes()))) {
            DeviceResult d = scanPorts(host, out, Map.of("dtls.ports", String.valueOf(dtls.port())), ssh.port());
            Finding f = rule(d, "cleartext.alternative", "cleartext.coap-beside-coaps");
            assertEquals(Verdict.FAIL, f.verdict());
        } finally {
            coap.destroy();
        }
    }

    @Test
    void deviceWithoutTlsIsNotApplicable(@TempDir Path out) throws Exception {
        try (var plain = http("127.0.11.5", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")) {
            DeviceResult d = scanPorts("127.0.11.5", out, Map.of(), plain.port());
            assertEquals(ExecutionStatus.NOT_APPLICABLE, execution(d, "cleartext.alternative").status());
        }
    }

    /** A minimal MQTT broker on a fixed port: answers any CONNECT with CONNACK accepted. */
    private static AutoCloseable fixedPort(String host, int port) throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        Thread t = new Thread(() -> {
            while (!ss.isClosed()) {
                try (var s = ss.accept()) {
                    s.setSoTimeout(3000);
                    if (s.getInputStream().read(new byte[256]) > 0) {
                        s.getOutputStream().write(new byte[]{0x20, 0x02, 0x00, 0x00});
                        s.getOutputStream().flush();
                        s.getInputStream().read(new byte[16]);
                    }
                } catch (IOException ignored) {
                    // next client
                }
            }
        }, "mqtt-broker");
        t.setDaemon(true);
        t.start();
        return ss::close;
    }
}
