package dev.starprobe.plugins.tls;

import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.tls.fixtures.BcTlsServer;
import dev.starprobe.plugins.tls.fixtures.HelloScriptServer;
import dev.starprobe.plugins.tls.fixtures.OpenSslServer;
import dev.starprobe.plugins.tls.fixtures.Servers;
import dev.starprobe.plugins.tls.fixtures.TestPki;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.starprobe.plugins.tls.TlsScans.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeaturesCheckTest {
    private static final List<byte[]> CHAIN = TestPki.selfSigned(TestPki.Kind.RSA_2048, "scripted", "SHA256withRSA",
            Instant.now().minus(Duration.ofDays(1)), Duration.ofDays(365), null).chain();
    private static final int[] SUITES = {0xC02F};

    private static HelloScriptServer scripted(String address, HelloScriptServer.Script s) throws Exception {
        return new HelloScriptServer(address, s);
    }

    @Test
    void hardenedServerPasses(@TempDir Path out) throws Exception {
        try (BcTlsServer srv = Servers.hardened("127.0.7.1")) {
            DeviceResult d = scan(srv.host(), srv.port(), out);
            assertEquals(Verdict.PASS, verdict(d, "tls.features"), findings(d, "tls.features").toString());
            String r = findings(d, "tls.features").get(0).reason();
            assertTrue(r.contains("secure renegotiation supported") && r.contains("extended master secret supported"), r);
            assertTrue(r.contains("compression refused"), r);
        }
    }

    @Test
    void missingRenegotiationInfoFails(@TempDir Path out) throws Exception {
        try (var srv = scripted("127.0.7.2", HelloScriptServer.Script.of(SUITES, CHAIN).withoutRenegotiationInfo())) {
            DeviceResult d = scan(srv.host(), srv.port(), out);
            assertEquals(Verdict.FAIL, rule(d, "tls.features", "feature.insecure-renegotiation").verdict());
        }
    }

    @Test
    void compressionFails(@TempDir Path out) throws Exception {
        try (var srv = scripted("127.0.7.3", HelloScriptServer.Script.of(SUITES, CHAIN).withDeflate())) {
            DeviceResult d = scan(srv.host(), srv.port(), out);
            Finding f = rule(d, "tls.features", "feature.compression");
            assertEquals(Verdict.FAIL, f.verdict());
            assertFalse(hasRule(d, "tls.features", "feature.insecure-renegotiation"));
        }
    }

    @Test
    void missingExtendedMasterSecretIsTolerated(@TempDir Path out) throws Exception {
        try (var srv = scripted("127.0.7.4", HelloScriptServer.Script.of(SUITES, CHAIN).withoutEms())) {
            DeviceResult d = scan(srv.host(), srv.port(), out);
            Finding f = rule(d, "tls.features", "feature.no-extended-master-secret");
            assertEquals(Verdict.PASS, f.verdict());
            assertEquals(dev.starprobe.model.Severity.LOW, f.severity());
        }
    }

    @Test
    void earlyDataOfferedInTls13TicketsIsReportedAndResumptionSeen(@TempDir Path out) throws Exception {
        Assumptions.assumeTrue(OpenSslServer.available(), "openssl binary not installed: skipping the 0-RTT test");
        var id = TestPki.issued(TestPki.Kind.EC_P256, TestPki.keys(TestPki.Kind.EC_P256), "zero-rtt", Duration.ofDays(90), "127.0.7.5");
        java.nio.file.Files.createDirectories(out.resolve("ossl"));
        try (var srv = new OpenSslServer("127.0.7.5", id, out.resolve("ossl"), "-early_data")) {
            DeviceResult d = scan(srv.host(), srv.port(), out.resolve("scan"));
            Finding f = rule(d, "tls.features", "feature.early-data");
            assertEquals(Verdict.PASS, f.verdict(), "tolerated, with a MEDIUM severity");
            assertEquals(dev.starprobe.model.Severity.MEDIUM, f.severity());
        }
        try (var srv = new OpenSslServer("127.0.7.6", id, out.resolve("ossl"))) {
            DeviceResult d = scan(srv.host(), srv.port(), out.resolve("scan2"));
            assertFalse(hasRule(d, "tls.features", "feature.early-data"), findings(d, "tls.features").toString());
            assertTrue(findings(d, "tls.features").stream().anyMatch(f -> f.reason().contains("session resumption works")),
                    findings(d, "tls.features").toString());
        }
    }
}
