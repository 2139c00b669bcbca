package dev.starprobe.engine;

import dev.starprobe.evidence.EvidenceCapture;
import dev.starprobe.evidence.EvidenceStore;
import dev.starprobe.model.Category;
import dev.starprobe.model.Classification;
import dev.starprobe.model.Device;
import dev.starprobe.model.InventoryEntry;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.ExecutionRecord;
import dev.starprobe.model.ExecutionStatus;
import dev.starprobe.model.ScanReport;
import dev.starprobe.model.StarLevel;
import dev.starprobe.model.Verdict;
import dev.starprobe.net.LoopbackServer;
import dev.starprobe.plugin.PluginRegistry;
import dev.starprobe.policy.RequirementCatalogue;
import dev.starprobe.spi.Check;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.Safety;
import dev.starprobe.spi.ScanOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's hooks around each device: setup from an inventory, capture before the first packet and after the last. */
class ScanHooksTest {
    private static final RequirementCatalogue CAT = RequirementCatalogue.builtIn();

    private static Check check(CheckDescriptor d, Function<CheckContext, CompletionStage<CheckOutcome>> body) {
        return new Check() {
            @Override
            public CheckDescriptor descriptor() {
                return d;
            }

            @Override
            public CompletionStage<CheckOutcome> run(CheckContext ctx) {
                return body.apply(ctx);
            }
        };
    }

    @Test
    void setupDecidesIdentityOptionsAndClassificationPerDevice(@TempDir Path out) throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Check intrusive = check(CheckDescriptor.builder("fake.intrusive").safety(Safety.INTRUSIVE).requirements("S1.1-12").build(), ctx -> {
            seen.add(ctx.device().id() + " " + ctx.classification().category() + " " + ctx.options().credentials().keySet());
            return CompletableFuture.completedFuture(CheckOutcome.completed(ctx.finding(Verdict.PASS, "ok").build()));
        });
        DeviceSetup setup = new DeviceSetup() {
            @Override
            public Device device(InetAddress a) {
                return new Device("02:00:00:00:00:31", a, "02:00:00:00:00:31", List.of("cam"), Map.of());
            }

            @Override
            public ScanOptions options(Device d, ScanOptions wide) {
                return new ScanOptions(EnumSet.of(Safety.SAFE, Safety.INTRUSIVE),
                        Map.of("admin", new ScanOptions.Credential("admin", "pw-31")), wide.ioTimeout(), wide.settings());
            }

            @Override
            public Classification classification(Device d, Classification observed) {
                return new Classification(Category.CAMERA, 1, List.of("inventory"), StarLevel.STAR_2, List.of(), true);
            }

            @Override
            public InventoryEntry inventoryEntry(Device d) {
                return new InventoryEntry("farm.yaml", "cam", "1.0", List.of(), List.of("admin"), List.of("INTRUSIVE"));
            }
        };
        try (LoopbackServer srv = new LoopbackServer("127.0.0.31", LoopbackServer.banner("x".getBytes()))) {
            PluginRegistry reg = PluginRegistry.of(List.of(intrusive), List.of(), List.of(), List.of(), CAT, List.of());
            ScanRequest req = ScanRequest.of(List.of("127.0.0.31"), PortSpec.of(srv.port())).withOutDir(out);
            ScanReport r = new ScanEngine(reg, Map.of("name", "t", "version", "0")).run(req, new ScanHooks(setup, null));
            DeviceResult d = r.devices().get(0);
            assertEquals(List.of("02:00:00:00:00:31 CAMERA [admin]"), seen, "the check ran with the device's own options");
            assertEquals("02:00:00:00:00:31", d.device().id());
            assertEquals("1.0", d.inventory().firmware());
            assertEquals(ExecutionStatus.COMPLETED, d.executions().get(0).status());
            assertNotNull(d.executions().get(0).startedAt());
            assertTrue(r.warnings().contains("no packet capture: packet capture was not configured; findings carry transcripts only"));
        }
    }

    @Test
    void captureStartsBeforeTheFirstPacketAndFinishesAfterTheLast(@TempDir Path out) throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        Check c = check(CheckDescriptor.builder("fake.timed").build(), ctx -> {
            events.add("check");
            return CompletableFuture.completedFuture(CheckOutcome.completed(ctx.finding(Verdict.FAIL, "x").build()));
        });
        EvidenceCapture capture = new EvidenceCapture() {
            @Override
            public DeviceCapture start(Device device, EvidenceStore store) {
                events.add("start " + device.address().getHostAddress());
                return new DeviceCapture() {
                    @Override
                    public DeviceResult finish(DeviceResult result) {
                        events.add("finish " + result.findings().size());
                        ExecutionRecord run = result.executions().get(0);
                        assertTrue(!run.startedAt().isAfter(Instant.now()) && run.endedAt() != null);
                        return result;
                    }

                    @Override
                    public void discard() {
                        events.add("discard");
                    }
                };
            }

            @Override
            public List<String> warnings() {
                return List.of("capture warning");
            }
        };
        try (LoopbackServer srv = new LoopbackServer("127.0.0.32", LoopbackServer.banner("x".getBytes()))) {
            PluginRegistry reg = PluginRegistry.of(List.of(c), List.of(), List.of(), List.of(), CAT, List.of());
            ScanRequest req = ScanRequest.of(List.of("127.0.0.32"), PortSpec.of(srv.port())).withOutDir(out);
            int acceptedBefore = srv.accepted();
            ScanReport r = new ScanEngine(reg, Map.of("name", "t", "version", "0")).run(req, new ScanHooks(null, capture));
            assertEquals(0, acceptedBefore);
            assertEquals(List.of("start 127.0.0.32", "check", "finish 1"), events);
            assertEquals(List.of("capture warning"), r.warnings());
        }
    }

    @Test
    void anAddressWithoutADeviceHasItsCaptureDiscarded(@TempDir Path out) throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        EvidenceCapture capture = new EvidenceCapture() {
            @Override
            public DeviceCapture start(Device device, EvidenceStore store) {
                return new DeviceCapture() {
                    @Override
                    public DeviceResult finish(DeviceResult result) {
                        events.add("finish " + result.device().address().getHostAddress());
                        return result;
                    }

                    @Override
                    public void discard() {
                        events.add("discard " + device.address().getHostAddress());
                    }
                };
            }

            @Override
            public List<String> warnings() {
                return List.of();
            }
        };
        PluginRegistry reg = PluginRegistry.of(List.of(), List.of(), List.of(), List.of(), CAT, List.of());
        // a sweep of two addresses with nothing listening: both are dropped, both captures discarded
        ScanRequest req = ScanRequest.of(List.of("127.0.0.34/31"), PortSpec.of(1)).withOutDir(out);
        ScanReport r = new ScanEngine(reg, Map.of("name", "t", "version", "0")).run(req, new ScanHooks(null, capture));
        assertEquals(0, r.devices().size());
        assertEquals(List.of("discard 127.0.0.34", "discard 127.0.0.35"), events.stream().sorted().toList());
    }
}
