package dev.starprobe.plugins.tls;

import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.ExecutionRecord;
import dev.starprobe.model.ExecutionStatus;
import dev.starprobe.net.NetSettings;
import dev.starprobe.plugins.tls.fixtures.BcTlsServer;
import dev.starprobe.plugins.tls.fixtures.Servers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A benchmark figure, printed rather than asserted (timing depends on the machine): the full TLS
 * check set (tls.protocols, tls.cipher-suites, tls.certificate, tls.features) against one weak and
 * one hardened loopback server, with the engine's default per-device politeness, after a warm-up.
 * Only the checks' own elapsed times are summed; port scan and identification are not included.
 */
@org.junit.jupiter.api.parallel.Isolated
class TlsBenchmarkTest {
    private static final List<String> CHECKS = List.of("tls.protocols", "tls.cipher-suites", "tls.certificate", "tls.features");
    private static final int ROUNDS = 3;

    private static Map<String, Long> run(BcTlsServer srv, Path out) {
        DeviceResult d = TlsScans.PROBE.scan(ScanRequest.of(List.of(srv.host()), PortSpec.of(srv.port())).withOutDir(out)
                .withNet(NetSettings.defaults())).devices().get(0);
        Map<String, Long> ms = new TreeMap<>();
        for (ExecutionRecord e : d.executions()) {
            if (CHECKS.contains(e.checkId())) {
                assertEquals(ExecutionStatus.COMPLETED, e.status(), e.toString());
                ms.put(e.checkId(), e.elapsedMillis());
            }
        }
        assertEquals(CHECKS.size(), ms.size(), ms.toString());
        return ms;
    }

    @Test
    void fullTlsCheckSetAgainstAWeakAndAHardenedServer(@TempDir Path out) throws Exception {
        StringBuilder b = new StringBuilder("\n=== TLS check set, default per-device politeness (4 connections, 50 new/s), median of "
                + ROUNDS + " after a warm-up\n");
        try (BcTlsServer weak = Servers.weak("127.0.13.1"); BcTlsServer hardened = Servers.hardened("127.0.13.2")) {
            for (BcTlsServer srv : List.of(weak, hardened)) {
                run(srv, out.resolve("warmup-" + srv.host()));
                List<Map<String, Long>> rounds = new java.util.ArrayList<>();
                for (int i = 0; i < ROUNDS; i++) rounds.add(run(srv, out.resolve(srv.host() + "-" + i)));
                b.append(srv == weak ? "weak     (TLS 1.0-1.2, TLS_RSA_* CBC/3DES, RSA-1024 SHA-1 self-signed)\n"
                        : "hardened (TLS 1.2-1.3, ECDHE-ECDSA AEAD, EC P-256 from a CA)\n");
                long total = 0;
                for (String c : CHECKS) {
                    long median = rounds.stream().mapToLong(r -> r.get(c)).sorted().toArray()[ROUNDS / 2];
                    total += median;
                    b.append(String.format("  %-18s %6d ms%n", c, median));
                }
                b.append(String.format("  %-18s %6d ms (sum; tls.cipher-suites, tls.certificate and tls.features run concurrently)%n", "total", total));
            }
        }
        System.out.println(b);
    }
}
