package dev.starprobe.plugins.tls;

import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.EvidenceRef;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.tls.fixtures.BcTlsServer;
import dev.starprobe.plugins.tls.fixtures.Servers;
import dev.starprobe.plugins.tls.fixtures.TestPki;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ProtocolVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import static dev.starprobe.plugins.tls.TlsScans.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CertificateCheckTest {
    private static final int[] ECDHE_RSA = {CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256};
    private static final int[] ECDHE_EC = {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256};

    private static BcTlsServer server(String address, int[] suites, TestPki.Identity id) throws Exception {
        return new BcTlsServer(address, new BcTlsServer.Config(new ProtocolVersion[]{ProtocolVersion.TLSv12}, suites, id));
    }

    @Test
    void smallRsaKeyAndSha1SignatureFailSelfSignedAndLongValidityAreTolerated(@TempDir Path out) throws Exception {
        try (BcTlsServer srv = Servers.weak("127.0.6.1")) {
            DeviceResult d = scan(srv.host(), srv.port(), out);
            assertEquals(Verdict.FAIL, verdict(d, "tls.certificate"));
            Finding rsa = rule(d, "tls.certificate", "cert.rsa-small");
            assertTrue(rsa.reason().contains("RSA 1024"), rsa.reason());
            assertEquals(Verdict.FAIL, rule(d, "tls.certificate", "cert.weak-signature-hash").verdict());
            assertEquals(Verdict.PASS, rule(d, "tls.certificate", "cert.self-signed").verdict());
            assertEquals(Verdict.PASS, rule(d, "tls.certificate", "cert.validity-too-long").verdict());
            assertFalse(hasRule(d, "tls.certificate", "cert.name-mismatch"), "the SAN carries the address");
            EvidenceRef pem = rsa.evidence().stream().filter(e -> e.kind().equals("certificate")).findFirst().orElseThrow();
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(out.resolve(pem.path()))));
            assertEquals("CN=IPCamera", c.getSubjectX500Principal().getName());
        }
    }

    @Test
    void caIssuedEcCertificatePasses(@TempDir Path out) throws Exception {
        try (BcTlsServer srv = Servers.hardened("127.0.6.2")) {
            DeviceResult d = scan(srv.host(), srv.port(), out);
            assertEquals(Verdict.PASS, verdict(d, "tls.certificate"), findings(d, "tls.certificate").toString());
            String r = findings(d, "tls.certificate").get(0).reason();
            assertTrue(r.contains("EC 256") && r.contains("issued by CN=StarProbe Test CA"), r);
        }
    }

    @Test
    void tls13OnlyServerCertificateIsReadWithAFullHandshake(@TempDir Path out) throws Exception {
        var id = TestPki.issued(TestPki.Kind.EC_P256, TestPki.keys(TestPki.Kind.EC_P256), "only13", Duration.ofDays(90), "127.0.6.3");
        try (var srv = new BcTlsServer("127.0.6.3", new BcTlsServer.Config(new ProtocolVersion[]{ProtocolVersion.TLSv13},
                new int[]{CipherSuite.TLS_AES_128_GCM_SHA256}, id))) {
            DeviceResult d = scan(srv.host(), srv.port(), out);
            assertEquals(Verdict.PASS, verdict(d, "tls.certificate"), findings(d, "tls.certificate").toString());
            Finding f = findings(d, "tls.certificate").get(0);
            assertTrue(f.reason().contains("CN=only13"), f.reason());
            assertTrue(f.evidence().stream().anyMatch(e -> e.kind().equals("transcript")), "the extra handshake is evidence");
        }
    }

    @Test
    void expiredCertificateFails(@TempDir Path out) throws Exception {
        var id = TestPki.selfSigned(TestPki.Kind.EC_P256, "expired", "SHA256withECDSA", Instant.now().minus(Duration.ofDays(400)),
                Duration.ofDays(30), "127.0.6.4");
        try (BcTlsServer srv = server("127.0.6.4", ECDHE_EC, id)) {
            DeviceResult d = scan(srv.host(), srv.port(), out);
            assertEquals(Verdict.FAIL, rule(d, "tls.certificate", "cert.expired").verdict());
            assertFalse(hasRule(d, "tls.certificate", "cert.not-yet-valid"));
        }
    }

    @Test
    void notYetValidCertificateFails(@TempDir Path out) throws Exception {
        var id = TestPki.selfSigned(TestPki.Kind.EC_P256, "future", "SHA256withECDSA", Instant.now().plus(Duration.ofDays(10)),
                Duration.ofDays(30), "127.0.6.5");
        try (BcTlsServer srv = server("127.0.6.5", ECDHE_EC, id)) {
            DeviceResult d = scan(srv.host(), srv.port(), out);
            assertEquals(Verdict.FAIL, rule(d, "tls.certificate", "cert.not-yet-valid").verdict());
        }
    }

    @Test
    void namesThatDoNotCoverTheDeviceAreTolerated(@TempDir Path out) throws Exception {
        var id = TestPki.issued(TestPki.Kind.RSA_2048, TestPki.keys(TestPki.Kind.RSA_2048), "elsewhere", Duration.ofDays(90), "10.9.9.9");
        try (BcTlsServer srv = server("127.0.6.6", ECDHE_RSA, id)) {
            DeviceResult d = scan(srv.host(), srv.port(), out);
            Finding f = rule(d, "tls.certificate", "cert.name-mismatch");
            assertEquals(Verdict.PASS, f.verdict());
            assertEquals(Verdict.PASS, verdict(d, "tls.certificate"), "RSA 2048 issued by a CA otherwise passes");
        }
    }

    @Test
    void aChainWhoseIssuerDidNotSignTheLeafIsFlagged(@TempDir Path out) throws Exception {
        var real = TestPki.issued(TestPki.Kind.EC_P256, TestPki.keys(TestPki.Kind.EC_P256), "leaf", Duration.ofDays(90), "127.0.6.7");
        var stranger = TestPki.selfSigned(TestPki.Kind.RSA_2048, "Some Other CA", "SHA256withRSA", Instant.now(), Duration.ofDays(90), null);
        var broken = new TestPki.Identity(real.kind(), real.key(), java.util.List.of(real.chain().get(0), stranger.chain().get(0)));
        try (BcTlsServer srv = server("127.0.6.7", ECDHE_EC, broken)) {
            DeviceResult d = scan(srv.host(), srv.port(), out);
            Finding f = rule(d, "tls.certificate", "cert.chain-broken");
            assertTrue(f.reason().contains("leaf CN=leaf"), f.reason());
        }
    }
}
