package dev.starprobe.plugins.dtls;

import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.ExecutionRecord;
import dev.starprobe.model.ExecutionStatus;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Transport;
import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.tls.fixtures.DtlsScriptServer;
import dev.starprobe.plugins.tls.fixtures.ScandiumServer;
import dev.starprobe.plugins.tls.fixtures.TestPki;
import dev.starprobe.spi.Safety;
import dev.starprobe.spi.ScanOptions;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DTLS checks through the engine. The engine scans TCP only, so each test also opens one TCP
 * port on the device address (the device must exist for the scan) and names the UDP port with the
 * setting dtls.ports.
 */
class DtlsChecksTest {
    private static final Probe PROBE = Probe.load(null);

    private static DeviceResult scan(String host, int udpPort, Path out, Map<String, ScanOptions.Credential> creds) throws Exception {
        // an SSH-like banner: identified at once, so the scan's time goes to DTLS
        try (var tcp = new dev.starprobe.net.LoopbackServer(host, dev.starprobe.net.LoopbackServer.banner("SSH-2.0-dropbear\r\n".getBytes()))) {
            ScanOptions o = new ScanOptions(Set.of(Safety.SAFE), creds, Duration.ofSeconds(5), Map.of("dtls.ports", String.valueOf(udpPort)));
            ScanRequest req = ScanRequest.of(List.of(host), PortSpec.of(tcp.port())).withOutDir(out).withOptions(o);
            DeviceResult d = PROBE.scan(req).devices().get(0);
            for (Finding f : d.findings()) {
                if (f.checkId().startsWith("dtls.")) System.out.println(f.verdict() + " " + f.severity() + " [" + f.checkId() + "] " + f.title() + " :: " + f.reason());
            }
            return d;
        }
    }

    private static List<Finding> findings(DeviceResult d, String check) {
        return d.findings().stream().filter(f -> f.checkId().equals(check)).toList();
    }

    private static Verdict verdict(DeviceResult d, String check) {
        List<Finding> fs = findings(d, check);
        if (fs.isEmpty()) throw new AssertionError("no finding of " + check + " in " + d.executions());
        return fs.stream().map(Finding::verdict).reduce(Verdict.NOT_APPLICABLE, Verdict::worst);
    }

    private static ExecutionRecord execution(DeviceResult d, String check) {
        return d.executions().stream().filter(e -> e.checkId().equals(check)).findFirst().orElseThrow();
    }

    private static Finding rule(DeviceResult d, String check, String id) {
        return findings(d, check).stream().filter(f -> f.title().startsWith(id + ":")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + id + " in " + findings(d, check)));
    }

    @Test
    void pskOnlyServerIsInconclusiveWithWhatWasLearnedUntilThePskIsSupplied(@TempDir Path out) throws Exception {
        try (var srv = ScandiumServer.psk("127.0.8.1", "plug-01", "s3cret-key", CipherSuite.TLS_PSK_WITH_AES_128_CCM_8,
                CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256)) {
            DeviceResult d = scan(srv.host(), srv.port(), out.resolve("a"), Map.of());
            assertEquals(Verdict.PASS, verdict(d, "dtls.protocols"), findings(d, "dtls.protocols").toString());
            Finding p = findings(d, "dtls.protocols").get(0);
            assertEquals(Transport.UDP, p.service().transport());
            assertEquals(srv.port(), p.service().port());
            assertTrue(p.reason().contains("accepts DTLSv1.2") && p.reason().contains("DTLSv1.0"), p.reason());

            assertEquals(Verdict.INCONCLUSIVE, verdict(d, "dtls.cipher-suites"));
            Finding inc = findings(d, "dtls.cipher-suites").stream().filter(f -> f.verdict() == Verdict.INCONCLUSIVE).findFirst().orElseThrow();
            assertTrue(inc.reason().contains("TLS_PSK_WITH_AES_128_CCM_8") && inc.reason().contains("dtls.psk"), inc.reason());
            assertEquals(Verdict.PASS, rule(d, "dtls.cipher-suites", "suite.psk-no-forward-secrecy").verdict(), "tolerated");

            DeviceResult withKey = scan(srv.host(), srv.port(), out.resolve("b"),
                    Map.of("dtls.psk", new ScanOptions.Credential("plug-01", "s3cret-key")));
            assertEquals(Verdict.PASS, verdict(withKey, "dtls.cipher-suites"), findings(withKey, "dtls.cipher-suites").toString());
            assertTrue(findings(withKey, "dtls.cipher-suites").stream().anyMatch(f -> f.reason().contains("the supplied PSK completed")));

            DeviceResult wrongKey = scan(srv.host(), srv.port(), out.resolve("c"),
                    Map.of("dtls.psk", new ScanOptions.Credential("plug-01", "wrong")));
            assertEquals(Verdict.INCONCLUSIVE, verdict(wrongKey, "dtls.cipher-suites"));
        }
    }

    @Test
    void certificateServerPassesAndScandiumConfirmsTheHandshake(@TempDir Path out) throws Exception {
        var id = TestPki.issued(TestPki.Kind.EC_P256, TestPki.keys(TestPki.Kind.EC_P256), "plug", Duration.ofDays(365), "127.0.8.2");
        try (var srv = ScandiumServer.certificate("127.0.8.2", id, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8)) {
            DeviceResult d = scan(srv.host(), srv.port(), out, Map.of());
            assertEquals(Verdict.PASS, verdict(d, "dtls.cipher-suites"), findings(d, "dtls.cipher-suites").toString());
            String r = findings(d, "dtls.cipher-suites").get(0).reason();
            assertTrue(r.contains("Scandium completed a DTLS 1.2 handshake") && r.contains("X.509 certificate"), r);
            assertTrue(r.contains("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"), r);
        }
    }

    @Test
    void rawPublicKeyServerIsRecognised(@TempDir Path out) throws Exception {
        try (var srv = ScandiumServer.rawPublicKey("127.0.8.3", TestPki.generate(TestPki.Kind.EC_P256),
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8)) {
            DeviceResult d = scan(srv.host(), srv.port(), out, Map.of());
            String r = findings(d, "dtls.cipher-suites").get(0).reason();
            assertEquals(Verdict.PASS, verdict(d, "dtls.cipher-suites"), r);
            assertTrue(r.contains("raw public key EC 256"), r);
        }
    }

    @Test
    void dtls10AndRsaKeyExchangeFail(@TempDir Path out) throws Exception {
        var chain = TestPki.selfSigned(TestPki.Kind.RSA_2048, "old-gw", "SHA256withRSA", java.time.Instant.now(), Duration.ofDays(90), null).chain();
        try (var srv = new DtlsScriptServer("127.0.8.4", new int[]{0xfeff, 0xfefd}, new int[]{0x002F}, chain, false)) {
            DeviceResult d = scan("127.0.8.4", srv.port(), out, Map.of());
            assertEquals(Verdict.FAIL, rule(d, "dtls.protocols", "protocol.dtls10").verdict());
            assertEquals(Verdict.FAIL, rule(d, "dtls.cipher-suites", "suite.no-forward-secrecy").verdict());
            assertTrue(rule(d, "dtls.cipher-suites", "suite.no-forward-secrecy").reason().contains("DTLSv1.0, DTLSv1.2"));
        }
    }

    @Test
    void closedUdpPortIsNotApplicable(@TempDir Path out) throws Exception {
        int closed;
        try (var s = new java.net.DatagramSocket(0, java.net.InetAddress.getByName("127.0.8.5"))) {
            closed = s.getLocalPort();
        }
        DeviceResult d = scan("127.0.8.5", closed, out, Map.of());
        ExecutionRecord e = execution(d, "dtls.protocols");
        assertEquals(ExecutionStatus.NOT_APPLICABLE, e.status(), e.toString());
        assertTrue(e.detail().contains("closed"), e.detail());
        assertEquals(ExecutionStatus.NOT_APPLICABLE, execution(d, "dtls.cipher-suites").status());
    }

    @Test
    void garbageOnUdpIsInconclusiveWithinBoundedTime(@TempDir Path out) throws Exception {
        try (var srv = DtlsScriptServer.garbage("127.0.8.6")) {
            long t0 = System.nanoTime();
            DeviceResult d = scan("127.0.8.6", srv.port(), out, Map.of());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(Verdict.INCONCLUSIVE, verdict(d, "dtls.protocols"), findings(d, "dtls.protocols").toString());
            assertTrue(findings(d, "dtls.protocols").get(0).reason().contains("not DTLS"), findings(d, "dtls.protocols").toString());
            assertEquals(Verdict.INCONCLUSIVE, verdict(d, "dtls.cipher-suites"), "nothing accepted is never a PASS");
            assertTrue(ms < 20_000, "took " + ms + " ms");
        }
    }
}
