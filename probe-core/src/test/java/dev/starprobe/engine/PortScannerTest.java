package dev.starprobe.engine;

import dev.starprobe.net.Cidr;
import dev.starprobe.net.LoopbackServer;
import dev.starprobe.net.NetSettings;
import dev.starprobe.net.NetworkRuntime;
import dev.starprobe.net.ScopeGuard;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PortScannerTest {
    @Test
    void findsExactlyTheOpenPortsInARange() throws Exception {
        List<LoopbackServer> servers = new ArrayList<>();
        try (NetworkRuntime rt = new NetworkRuntime(NetSettings.defaults().withPerDevice(32, 0),
                new ScopeGuard(List.of(Cidr.parse("127.0.0.1")), false))) {
            for (int i = 0; i < 3; i++) servers.add(new LoopbackServer("127.0.0.1", LoopbackServer.banner(new byte[0])));
            int lo = servers.stream().mapToInt(LoopbackServer::port).min().orElseThrow();
            int hi = servers.stream().mapToInt(LoopbackServer::port).max().orElseThrow();
            PortSpec spec = PortSpec.parse(lo + "-" + hi);
            var r = new PortScanner().scan(rt.forDevice(servers.get(0).address(), "t"), spec, 64, null)
                    .toCompletableFuture().join();
            List<Integer> expected = servers.stream().map(LoopbackServer::port).sorted().toList();
            // other processes may listen inside the range; ours must all be there and nothing may be lost
            assertEquals(true, r.open().containsAll(expected), r.open() + " vs " + expected);
            assertEquals(spec.size(), r.open().size() + r.closed() + r.filtered() + r.errors());
        } finally {
            for (LoopbackServer s : servers) s.close();
        }
    }

    @Test
    void portSpecParsesListsRangesAndNames() {
        assertEquals(65535, PortSpec.parse("all").size());
        assertEquals(3, PortSpec.parse("22, 80-81").size());
        org.junit.jupiter.api.Assertions.assertTrue(PortSpec.parse("iot").contains(1883));
        for (String bad : List.of("0", "65536", "90-80", "http", "", "1-2-3")) {
            assertThrows(IllegalArgumentException.class, () -> PortSpec.parse(bad), bad);
        }
    }

    @Test
    void portSpecWritesItsPortsAsCompactRangesForOtherScanners() {
        assertEquals("1-65535", PortSpec.parse("all").ranges());
        assertEquals("22,80-82,443", PortSpec.parse("443, 80-81, 82, 22").ranges());
        assertEquals("65535", PortSpec.parse("65535").ranges());
        assertEquals("1,3,5", PortSpec.of(5, 3, 1).ranges());
    }

    @Test
    void theProbeWindowKeepsTheLimiterFedAndNeverStarvesASmallLimit() {
        assertEquals(8, PortScanner.windowFor(NetSettings.defaults().withPerDevice(1, 0)));
        assertEquals(8, PortScanner.windowFor(NetSettings.defaults().withPerDevice(4, 0)));
        assertEquals(128, PortScanner.windowFor(NetSettings.defaults().withPerDevice(64, 0)));
    }
}
