package dev.starprobe.plugins.tls;

import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.ExecutionStatus;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.tls.fixtures.BcTlsServer;
import dev.starprobe.plugins.tls.fixtures.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.starprobe.plugins.tls.TlsScans.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProtocolsCheckTest {

    @Test
    void legacyVersionsFailWithTheRuleAndTheHandshakeAsEvidence(@TempDir Path out) throws Exception {
        try (BcTlsServer srv = Servers.weak("127.0.4.1")) {
            DeviceResult d = scan(srv.host(), srv.port(), out);
            assertEquals(Verdict.FAIL, verdict(d, "tls.protocols"));
            Finding tls10 = rule(d, "tls.protocols", "protocol.tls10");
            assertEquals(Verdict.FAIL, tls10.verdict());
            assertTrue(tls10.requirements().containsAll(java.util.List.of("S1.1-12", "EN-5.5-1")), tls10.requirements().toString());
            assertTrue(hasRule(d, "tls.protocols", "protocol.tls11"));
            assertFalse(hasRule(d, "tls.protocols", "protocol.sslv3"), "SSLv3 is refused by the server");
            String transcript = Files.readString(out.resolve(tls10.evidence().get(0).path()));
            assertTrue(transcript.contains("16 03 01"), "the ClientHellos are in the evidence");
        }
    }

    @Test
    void modernOnlyServerPasses(@TempDir Path out) throws Exception {
        try (BcTlsServer srv = Servers.hardened("127.0.4.2")) {
            DeviceResult d = scan(srv.host(), srv.port(), out);
            assertEquals(Verdict.PASS, verdict(d, "tls.protocols"), findings(d, "tls.protocols").toString());
            Finding pass = findings(d, "tls.protocols").get(0);
            assertTrue(pass.reason().contains("TLSv1.2, TLSv1.3"), pass.reason());
            assertTrue(pass.reason().contains("SSLv3"), "says SSLv3 was tested: " + pass.reason());
        }
    }

    @Test
    void nonTlsServiceIsNotApplicable(@TempDir Path out) throws Exception {
        try (var srv = new dev.starprobe.net.LoopbackServer("127.0.4.3", dev.starprobe.net.LoopbackServer.banner("SSH-2.0-dropbear\r\n".getBytes()))) {
            DeviceResult d = scan("127.0.4.3", srv.port(), out);
            assertEquals(ExecutionStatus.NOT_APPLICABLE, execution(d, "tls.protocols").status());
        }
    }

    @Test
    void serviceThatStopsListeningIsAnExecutionErrorNeverAVerdict(@TempDir Path out) throws Exception {
        try (BcTlsServer srv = Servers.hardened("127.0.4.4").after(BcTlsServer.After.STOP_LISTENING)) {
            DeviceResult d = scan(srv.host(), srv.port(), out);
            var e = execution(d, "tls.protocols");
            assertEquals(ExecutionStatus.ERROR, e.status(), e.toString());
            assertEquals(dev.starprobe.model.NetworkFailure.REFUSED, e.failure(), e.toString());
            assertTrue(d.findings().stream().noneMatch(f -> f.checkId().startsWith("tls.") && f.verdict() == Verdict.PASS));
        }
    }

    @Test
    void garbageAfterIdentificationIsInconclusiveWithinBoundedTime(@TempDir Path out) throws Exception {
        try (BcTlsServer srv = Servers.hardened("127.0.4.5").after(BcTlsServer.After.GARBAGE)) {
            long t0 = System.nanoTime();
            DeviceResult d = scan(srv.host(), srv.port(), out);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(Verdict.INCONCLUSIVE, verdict(d, "tls.protocols"), findings(d, "tls.protocols").toString());
            assertTrue(findings(d, "tls.protocols").get(0).reason().contains("not TLS"), findings(d, "tls.protocols").toString());
            assertTrue(ms < 20_000, "took " + ms + " ms");
        }
    }
}
