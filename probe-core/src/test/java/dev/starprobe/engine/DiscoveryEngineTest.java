package dev.starprobe.engine;

import dev.starprobe.model.Device;
import dev.starprobe.model.ExecutionStatus;
import dev.starprobe.model.Inventory;
import dev.starprobe.net.NetSettings;
import dev.starprobe.spi.Discoverer;
import dev.starprobe.spi.DiscoveryContext;
import dev.starprobe.spi.DiscoveryUnavailableException;
import dev.starprobe.spi.Safety;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The discovery stage with fake discoverers: no sockets. */
class DiscoveryEngineTest {
    record Fake(String id, boolean needsInterface, Function<DiscoveryContext, CompletionStage<List<Device>>> body)
            implements Discoverer {
        public Safety safety() {
            return Safety.SAFE;
        }

        public CompletionStage<List<Device>> discover(DiscoveryContext ctx) {
            return body.apply(ctx);
        }
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s); // literals only: no lookup
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static DiscoveryRequest request(String cidr, List<String> methods) {
        return new DiscoveryRequest(List.of(cidr), List.of(), false,
                new DiscoveryPlan(null, methods, 1000, Duration.ofMillis(100)), NetSettings.defaults());
    }

    @Test
    void mergesWhatSeveralMethodsSaidAboutOneAddressAndDropsNonCandidates() throws Exception {
        Discoverer a = new Fake("a", false, ctx -> CompletableFuture.completedFuture(List.of(
                new Device(null, ip("127.0.9.2"), "02:00:00:00:00:02", List.of("cam"), Map.of("upnp.modelName", "X1")),
                new Device(null, ip("127.0.10.1"), null, List.of("outside"), Map.of()))));
        Discoverer b = new Fake("b", false, ctx -> CompletableFuture.completedFuture(List.of(
                new Device(null, ip("127.0.9.2"), null, List.of("cam", "cam.local"), Map.of("upnp.modelName", "X1b", "onvif", "yes")))));
        Inventory inv = new DiscoveryEngine(List.of(a, b)).run(request("127.0.9.0/24", List.of()));

        assertEquals(1, inv.devices().size(), inv.devices().toString());
        Device d = inv.devices().get(0);
        assertEquals("02:00:00:00:00:02", d.id());
        assertEquals(List.of("cam", "cam.local"), d.names());
        assertEquals("X1, X1b", d.hints().get("upnp.modelName"));
        assertEquals("a, b", d.hints().get("discovery.methods"));
        assertEquals(List.of(ExecutionStatus.COMPLETED, ExecutionStatus.COMPLETED),
                inv.methods().stream().map(Inventory.MethodRun::status).toList());
    }

    @Test
    void methodsThatCannotRunSayWhyInsteadOfVanishing() {
        Discoverer pinned = new Fake("arp", true, ctx -> { throw new AssertionError("must not run unpinned"); });
        Discoverer broken = new Fake("broken", false, ctx -> CompletableFuture.failedFuture(
                new DiscoveryUnavailableException("needs raw sockets: run as root")));
        Discoverer throwing = new Fake("throwing", false, ctx -> { throw new IllegalStateException("bug"); });
        Inventory inv = new DiscoveryEngine(List.of(pinned, broken, throwing)).run(request("127.0.9.0/30", List.of()));

        Map<String, Inventory.MethodRun> byId = new java.util.HashMap<>();
        inv.methods().forEach(m -> byId.put(m.method(), m));
        assertEquals(ExecutionStatus.SKIPPED, byId.get("arp").status());
        assertTrue(byId.get("arp").message().contains("--interface"));
        assertEquals(ExecutionStatus.ERROR, byId.get("broken").status());
        assertEquals("needs raw sockets: run as root", byId.get("broken").message());
        assertEquals(ExecutionStatus.ERROR, byId.get("throwing").status());
        assertEquals(3, inv.warnings().size());
    }

    @Test
    void unknownMethodIsAUserErrorBeforeAnythingRuns() {
        Discoverer a = new Fake("ssdp", false, ctx -> { throw new AssertionError("must not run"); });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DiscoveryEngine(List.of(a)).run(request("127.0.9.0/30", List.of("ssdp", "nope"))));
        assertTrue(e.getMessage().contains("unknown discovery method 'nope' (installed: ssdp)"), e.getMessage());
    }

    @Test
    void unknownInterfaceIsAUserError() {
        DiscoveryRequest r = new DiscoveryRequest(List.of(), List.of(), false, DiscoveryPlan.on("nosuchif0"), NetSettings.defaults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DiscoveryEngine(List.of()).run(r));
        assertTrue(e.getMessage().startsWith("no interface 'nosuchif0'"), e.getMessage());
    }

    @Test
    void budgetGrowsWithTheSweepAndTheRate() {
        DiscoveryPlan p = new DiscoveryPlan(null, List.of(), 100, Duration.ofSeconds(1));
        assertEquals(Duration.ofMillis(2 * 2540 + 4000 + 10_000), DiscoveryStage.budget(254, p));
    }
}
