package dev.starprobe.plugins.tls;

import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.tls.fixtures.BcTlsServer;
import dev.starprobe.plugins.tls.fixtures.HelloScriptServer;
import dev.starprobe.plugins.tls.fixtures.Servers;
import dev.starprobe.plugins.tls.fixtures.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.starprobe.plugins.tls.TlsScans.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CipherSuitesCheckTest {
    private static final List<byte[]> RSA_CHAIN = TestPki.selfSigned(TestPki.Kind.RSA_2048, "scripted", "SHA256withRSA",
            Instant.now().minus(Duration.ofDays(1)), Duration.ofDays(365), null).chain();

    @Test
    void rsaKeyExchangeAnd3desFailOnTheWeakServer(@TempDir Path out) throws Exception {
        try (BcTlsServer srv = Servers.weak("127.0.5.1")) {
            DeviceResult d = scan(srv.host(), srv.port(), out);
            assertEquals(Verdict.FAIL, verdict(d, "tls.cipher-suites"));
            Finding nofs = rule(d, "tls.cipher-suites", "suite.no-forward-secrecy");
            for (String s : List.of("TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA")) {
                assertTrue(nofs.reason().contains(s), nofs.reason());
            }
            assertTrue(nofs.reason().contains("TLSv1.0, TLSv1.1, TLSv1.2"), nofs.reason());
            Finding des = rule(d, "tls.cipher-suites", "suite.3des");
            assertTrue(des.reason().contains("TLS_RSA_WITH_3DES_EDE_CBC_SHA") && !des.reason().contains("AES_128"), des.reason());
            // Bouncy Castle agrees to encrypt-then-MAC, so its CBC suites are not flagged for it
            assertFalse(hasRule(d, "tls.cipher-suites", "suite.cbc-without-etm"));
        }
    }

    @Test
    void hardenedServerPassesAndItsOrderAndGroupsAreReported(@TempDir Path out) throws Exception {
        try (BcTlsServer srv = Servers.hardened("127.0.5.2")) {
            DeviceResult d = scan(srv.host(), srv.port(), out);
            assertEquals(Verdict.PASS, verdict(d, "tls.cipher-suites"), findings(d, "tls.cipher-suites").toString());
            String r = findings(d, "tls.cipher-suites").get(0).reason();
            assertTrue(r.contains("TLSv1.3: ") && r.contains("TLS_AES_128_GCM_SHA256"), r);
            assertTrue(r.contains("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"), r);
            assertTrue(r.contains("x25519") && r.contains("secp256r1"), "groups: " + r);
        }
    }

    @ParameterizedTest(name = "{0} FAILs by rule {1}")
    @CsvSource({
            "0x0005, suite.rc4",           // TLS_RSA_WITH_RC4_128_SHA
            "0x0003, suite.export",        // TLS_RSA_EXPORT_WITH_RC4_40_MD5
            "0x0002, suite.null-cipher",   // TLS_RSA_WITH_NULL_SHA
            "0x0034, suite.anonymous",     // TLS_DH_anon_WITH_AES_128_CBC_SHA
            "0x0009, suite.des-family",    // TLS_RSA_WITH_DES_CBC_SHA
            "0x0004, suite.md5-mac",       // TLS_RSA_WITH_RC4_128_MD5
    })
    void legacySuitesNoLibraryImplementsAreStillFound(String code, String rule, @TempDir Path out) throws Exception {
        int weak = Integer.decode(code);
        int[] suites = {0xC02F, weak}; // a good ECDHE suite first: the weak one must still be found
        try (var srv = new HelloScriptServer("127.0.5.3", HelloScriptServer.Script.of(suites, RSA_CHAIN).withVersions(0x0303, 0x0303))) {
            DeviceResult d = scan(srv.host(), srv.port(), out);
            Finding f = rule(d, "tls.cipher-suites", rule);
            assertEquals(Verdict.FAIL, f.verdict());
            assertTrue(f.reason().contains(dev.starprobe.plugins.tls.wire.Suites.builtIn().describe(weak)), f.reason());
            assertFalse(f.reason().contains("ECDHE_RSA"), "the good suite is not blamed: " + f.reason());
        }
    }

    @Test
    void enumerationCostsOneHandshakePerAcceptedSuitePlusAFew(@TempDir Path out) throws Exception {
        int[] suites = {0xC02F, 0xC030, 0x009C, 0x002F, 0x0035};
        try (var srv = new HelloScriptServer("127.0.5.4", HelloScriptServer.Script.of(suites, RSA_CHAIN).withVersions(0x0303, 0x0303))) {
            DeviceResult d = scan(srv.host(), srv.port(), out);
            Finding f = findings(d, "tls.cipher-suites").get(0);
            Matcher m = Pattern.compile("(\\d+) ClientHellos").matcher(f.evidence().get(0).note());
            assertTrue(m.find(), f.evidence().toString());
            int handshakes = Integer.parseInt(m.group(1));
            // 5 accepted + 1 refusal + 1 preference test + curves (1 found + 1 refusal)
            assertTrue(handshakes <= suites.length + 4, "handshakes " + handshakes);
            var table = f.evidence().stream().filter(e -> e.kind().equals("enumeration")).findFirst().orElseThrow();
            String text = java.nio.file.Files.readString(out.resolve(table.path()));
            assertTrue(text.contains("TLSv1.2: 5 suites, server order"), text);
            assertTrue(text.indexOf("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256") < text.indexOf("TLS_RSA_WITH_AES_256_CBC_SHA"), text);
        }
    }

    @Test
    void clientPreferenceIsDetected(@TempDir Path out) throws Exception {
        int[] suites = {0xC02F, 0xC030};
        try (var srv = new HelloScriptServer("127.0.5.5", HelloScriptServer.Script.of(suites, RSA_CHAIN)
                .withVersions(0x0303, 0x0303).clientPreference())) {
            DeviceResult d = scan(srv.host(), srv.port(), out);
            assertEquals(Verdict.PASS, verdict(d, "tls.cipher-suites"), findings(d, "tls.cipher-suites").toString());
            assertTrue(findings(d, "tls.cipher-suites").get(0).reason().contains("client order"));
        }
    }

    @Test
    void smallCurveFails(@TempDir Path out) throws Exception {
        int[] suites = {0xC02F};
        try (var srv = new HelloScriptServer("127.0.5.6", HelloScriptServer.Script.of(suites, RSA_CHAIN)
                .withVersions(0x0303, 0x0303).withCurves(19, 23))) { // secp192r1 preferred
            DeviceResult d = scan(srv.host(), srv.port(), out);
            Finding f = rule(d, "tls.cipher-suites", "group.ec-small");
            assertTrue(f.reason().contains("secp192r1") && !f.reason().contains("secp256r1"), f.reason());
        }
    }

    @Test
    void cbcWithoutEncryptThenMacIsToleratedNotFailed(@TempDir Path out) throws Exception {
        int[] suites = {0xC027}; // TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256
        try (var without = new HelloScriptServer("127.0.5.7", HelloScriptServer.Script.of(suites, RSA_CHAIN).withVersions(0x0303, 0x0303));
             var with = new HelloScriptServer("127.0.5.8", HelloScriptServer.Script.of(suites, RSA_CHAIN).withVersions(0x0303, 0x0303).withEtm())) {
            DeviceResult d = scan(without.host(), without.port(), out.resolve("a"));
            Finding f = rule(d, "tls.cipher-suites", "suite.cbc-without-etm");
            assertEquals(Verdict.PASS, f.verdict());
            assertEquals(dev.starprobe.model.Severity.LOW, f.severity());
            assertEquals(Verdict.PASS, verdict(d, "tls.cipher-suites"));
            DeviceResult e = scan(with.host(), with.port(), out.resolve("b"));
            assertFalse(hasRule(e, "tls.cipher-suites", "suite.cbc-without-etm"));
        }
    }
}
