package dev.starprobe.plugins.tls;

import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.ExecutionStatus;
import dev.starprobe.model.Finding;
import dev.starprobe.model.ScanReport;
import dev.starprobe.model.Verdict;
import dev.starprobe.plugins.tls.fixtures.BcTlsServer;
import dev.starprobe.plugins.tls.fixtures.TestPki;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ProtocolVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.starprobe.plugins.tls.TlsScans.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyReuseCheckTest {
    private static final int[] SUITES = {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256};

    private static BcTlsServer unit(String address, java.security.KeyPair keys) throws Exception {
        var id = TestPki.issued(TestPki.Kind.EC_P256, keys, "plug-" + address, Duration.ofDays(90), address);
        return new BcTlsServer(address, new BcTlsServer.Config(new ProtocolVersion[]{ProtocolVersion.TLSv12}, SUITES, id));
    }

    private static DeviceResult device(ScanReport r, String address) {
        return dump(r.devices().stream().filter(d -> d.device().address().getHostAddress().equals(address)).findFirst().orElseThrow());
    }

    @Test
    void theSameKeyOnTwoUnitsFailsOnBothAndAUnitWithItsOwnKeyPasses(@TempDir Path out) throws Exception {
        var shared = TestPki.generate(TestPki.Kind.EC_P256);
        try (var a = unit("127.0.10.1", shared); var b = unit("127.0.10.2", shared);
             var c = unit("127.0.10.3", TestPki.generate(TestPki.Kind.EC_P256))) {
            ScanReport r = scan(List.of("127.0.10.1", "127.0.10.2", "127.0.10.3"), new int[]{a.port(), b.port(), c.port()}, out, Map.of());
            for (String addr : List.of("127.0.10.1", "127.0.10.2")) {
                DeviceResult d = device(r, addr);
                Finding f = rule(d, "tls.key-reuse", "cert.shared-key");
                assertEquals(Verdict.FAIL, f.verdict());
                String other = addr.equals("127.0.10.1") ? "127.0.10.2" : "127.0.10.1";
                assertTrue(f.reason().contains(other) && f.reason().contains("(same key)"), f.reason());
            }
            assertEquals(Verdict.PASS, verdict(device(r, "127.0.10.3"), "tls.key-reuse"));
        }
    }

    @Test
    void oneDeviceAloneCannotShowPerUnitKeys(@TempDir Path out) throws Exception {
        try (var a = unit("127.0.10.4", TestPki.generate(TestPki.Kind.EC_P256))) {
            DeviceResult d = scan(a.host(), a.port(), out);
            assertEquals(Verdict.INCONCLUSIVE, verdict(d, "tls.key-reuse"));
        }
    }

    @Test
    void aDeviceWithoutTlsIsNotApplicable(@TempDir Path out) throws Exception {
        try (var srv = new dev.starprobe.net.LoopbackServer("127.0.10.5", dev.starprobe.net.LoopbackServer.banner("SSH-2.0-x\r\n".getBytes()))) {
            DeviceResult d = scan("127.0.10.5", srv.port(), out);
            assertEquals(ExecutionStatus.NOT_APPLICABLE, execution(d, "tls.key-reuse").status());
        }
    }
}
