package dev.starprobe.engine;

import dev.starprobe.evidence.EvidenceStore;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.ExecutionRecord;
import dev.starprobe.model.ExecutionStatus;
import dev.starprobe.model.Finding;
import dev.starprobe.model.NetworkFailure;
import dev.starprobe.model.ScanReport;
import dev.starprobe.model.Verdict;
import dev.starprobe.net.LoopbackServer;
import dev.starprobe.net.NetSettings;
import dev.starprobe.plugin.PluginRegistry;
import dev.starprobe.policy.RequirementCatalogue;
import dev.starprobe.spi.Check;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.Safety;
import dev.starprobe.spi.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScanEngineTest {
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

    private static ScanReport scan(LoopbackServer srv, List<Check> checks, Path out, NetSettings net) {
        PluginRegistry reg = PluginRegistry.of(checks, List.of(), List.of(), List.of(), CAT, List.of());
        ScanRequest req = ScanRequest.of(List.of(srv.address().getHostAddress()), PortSpec.of(srv.port()))
                .withOutDir(out).withNet(net);
        return new ScanEngine(reg, Map.of("name", "test", "version", "0")).run(req);
    }

    private static ExecutionRecord record(DeviceResult d, String id) {
        return d.executions().stream().filter(e -> e.checkId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void statusAndVerdictAreReportedSeparately(@TempDir Path out) throws Exception {
        List<Check> checks = new ArrayList<>();
        checks.add(check(CheckDescriptor.builder("fake.banner").requirements("S1.1-12").build(), ctx ->
                ctx.net().tcp(ctx.service().orElseThrow().port())
                        .thenCompose(s -> s.read(100, Duration.ofSeconds(2)))
                        .thenApply(b -> CheckOutcome.completed(ctx.finding(Verdict.FAIL, "said " + new String(b))
                                .traffic("banner").build()))));
        checks.add(check(CheckDescriptor.builder("fake.slow").timeout(Duration.ofMillis(300)).build(),
                ctx -> new CompletableFuture<>()));
        checks.add(check(CheckDescriptor.builder("fake.boom").build(), ctx -> {
            throw new IllegalStateException("plugin bug");
        }));
        checks.add(check(CheckDescriptor.builder("fake.intrusive").safety(Safety.INTRUSIVE).build(),
                ctx -> CompletableFuture.completedFuture(CheckOutcome.completed())));
        checks.add(check(CheckDescriptor.builder("fake.http-only").protocols("http").build(),
                ctx -> CompletableFuture.completedFuture(CheckOutcome.completed())));
        checks.add(check(CheckDescriptor.builder("fake.escape").deviceLevel().build(), ctx ->
                ctx.net().tcp(new InetSocketAddress("127.0.0.9", 80)).thenApply(s -> CheckOutcome.completed())));

        try (LoopbackServer srv = new LoopbackServer("127.0.0.1", LoopbackServer.banner("hello".getBytes()))) {
            ScanReport r = scan(srv, checks, out, NetSettings.defaults());
            DeviceResult d = r.devices().get(0);

            assertEquals(1, d.services().size());
            assertEquals(ExecutionStatus.COMPLETED, record(d, "fake.banner").status());
            assertEquals(ExecutionStatus.TIMED_OUT, record(d, "fake.slow").status());
            assertEquals(ExecutionStatus.ERROR, record(d, "fake.boom").status());
            assertEquals(NetworkFailure.OTHER, record(d, "fake.boom").failure());
            assertEquals(ExecutionStatus.SKIPPED, record(d, "fake.intrusive").status());
            assertTrue(record(d, "fake.intrusive").detail().contains("--allow intrusive"));
            assertEquals(ExecutionStatus.NOT_APPLICABLE, record(d, "fake.http-only").status());
            assertEquals(ExecutionStatus.ERROR, record(d, "fake.escape").status());
            assertEquals(NetworkFailure.OUT_OF_SCOPE, record(d, "fake.escape").failure());
            assertEquals("127.0.0.9", r.scopeRefusals().get(0).address());
            assertEquals("check:fake.escape", r.scopeRefusals().get(0).requestedBy());

            Finding f = d.findings().get(0);
            assertEquals(Verdict.FAIL, f.verdict());
            assertEquals("said hello", f.reason());
            var ev = f.evidence().get(0);
            byte[] content = Files.readAllBytes(out.resolve(ev.path()));
            assertEquals(ev.sha256(), EvidenceStore.sha256(content));
            assertTrue(new String(content).contains("hello"));
            assertTrue(Files.readString(out.resolve(EvidenceStore.MANIFEST)).contains(ev.sha256()));
            assertTrue(r.hasFail());
        }
    }

    @Test
    void perDeviceConnectionLimitHoldsAgainstAGreedyCheck(@TempDir Path out) throws Exception {
        Check greedy = check(CheckDescriptor.builder("fake.greedy").build(), ctx -> {
            int port = ctx.service().orElseThrow().port();
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                all.add(ctx.net().tcp(port).thenCompose(s -> s.read(10, Duration.ofSeconds(2))
                        .thenAccept(b -> sleepThenClose(s))).toCompletableFuture());
            }
            return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> CheckOutcome.completed());
        });
        try (LoopbackServer srv = new LoopbackServer("127.0.0.1", LoopbackServer.banner("x".getBytes()))) {
            ScanReport r = scan(srv, List.of(greedy), out, NetSettings.defaults().withPerDevice(2, 0));
            assertEquals(ExecutionStatus.COMPLETED, record(r.devices().get(0), "fake.greedy").status());
            assertEquals(13, srv.accepted()); // 1 port-scan connect + 12
            assertTrue(srv.maxOpen() <= 2, "device saw " + srv.maxOpen() + " connections at once");
        }
    }

    private static void sleepThenClose(Session s) {
        try {
            Thread.sleep(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        s.close();
    }

    @Test
    void checksThatLogInRunOneAtATimeWithTheBruteOnes(@TempDir Path out) throws Exception {
        java.util.concurrent.atomic.AtomicInteger loggingIn = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger maxLoggingIn = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger maxRunning = new java.util.concurrent.atomic.AtomicInteger();
        Function<Boolean, Function<CheckContext, CompletionStage<CheckOutcome>>> body = logsIn -> ctx -> CompletableFuture.supplyAsync(() -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            if (logsIn) maxLoggingIn.accumulateAndGet(loggingIn.incrementAndGet(), Math::max);
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (logsIn) loggingIn.decrementAndGet();
            running.decrementAndGet();
            return CheckOutcome.completed();
        });
        List<Check> checks = List.of(
                check(CheckDescriptor.builder("fake.guess").safety(Safety.BRUTE).build(), body.apply(true)),
                check(CheckDescriptor.builder("fake.login").safety(Safety.INTRUSIVE).logsIn().build(), body.apply(true)),
                check(CheckDescriptor.builder("fake.read").build(), body.apply(false)));
        try (LoopbackServer srv = new LoopbackServer("127.0.0.1", (s, o) -> { })) {
            PluginRegistry reg = PluginRegistry.of(checks, List.of(), List.of(), List.of(), CAT, List.of());
            ScanRequest req = ScanRequest.of(List.of(srv.address().getHostAddress()), PortSpec.of(srv.port()))
                    .withOutDir(out).withAllowed(java.util.Set.of(Safety.values()));
            DeviceResult d = new ScanEngine(reg, Map.of("name", "test", "version", "0")).run(req).devices().get(0);
            for (String id : List.of("fake.guess", "fake.login", "fake.read")) {
                assertEquals(ExecutionStatus.COMPLETED, record(d, id).status(), record(d, id).toString());
            }
        }
        assertEquals(1, maxLoggingIn.get(), "a BRUTE check and one that logs in never overlap");
        assertTrue(maxRunning.get() >= 2, "a check that does not log in is not held back: " + maxRunning.get());
    }

    @Test
    void sweepDropsSilentAddressesButKeepsASingleTarget(@TempDir Path out) {
        PluginRegistry reg = PluginRegistry.of(List.of(), List.of(), List.of(), List.of(), CAT, List.of());
        var engine = new ScanEngine(reg, Map.of());
        ScanReport single = engine.run(ScanRequest.of(List.of("127.0.0.5"), PortSpec.of(9)).withOutDir(out));
        assertEquals(1, single.devices().size());
        assertTrue(single.devices().get(0).services().isEmpty());
        ScanReport sweep = engine.run(ScanRequest.of(List.of("127.0.6.0/30"), PortSpec.of(9)).withOutDir(out));
        assertEquals(0, sweep.devices().size());
    }

    @Test
    void badTargetsAreUserErrors() {
        var engine = new ScanEngine(PluginRegistry.of(List.of(), List.of(), List.of(), List.of(), CAT, List.of()), Map.of());
        for (String bad : List.of("10.0.0.0/33", "300.1.1.1", "no-such-host.invalid", "8.8.8.8")) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> engine.run(ScanRequest.of(List.of(bad), PortSpec.of(80))), bad);
            assertTrue(e.getMessage().length() < 200, e.getMessage());
        }
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> engine.run(
                ScanRequest.of(List.of("127.0.0.1"), PortSpec.of(80)).withScope(List.of("198.18.0.0/24"), false)));
        assertTrue(e.getMessage().contains("outside the scope"), e.getMessage());
    }

    @Test
    void cancelledScanStillReportsEveryCheckHonestly(@TempDir Path out) throws Exception {
        ScanControl control = new ScanControl();
        Check first = check(CheckDescriptor.builder("a.first").build(), ctx -> {
            control.cancel(); // the user presses Ctrl-C while this check runs
            return CompletableFuture.completedFuture(CheckOutcome.completed(ctx.finding(Verdict.INCONCLUSIVE, "ran").build()));
        });
        Check later = check(CheckDescriptor.builder("b.later").consumes(dev.starprobe.spi.FactKey.of("x", String.class)).build(),
                ctx -> CompletableFuture.completedFuture(CheckOutcome.completed()));
        Check producer = check(CheckDescriptor.builder("a.producer").produces(dev.starprobe.spi.FactKey.of("x", String.class)).build(),
                ctx -> CompletableFuture.completedFuture(CheckOutcome.completed()));
        try (LoopbackServer srv = new LoopbackServer("127.0.0.1", LoopbackServer.banner("x".getBytes()))) {
            PluginRegistry reg = PluginRegistry.of(List.of(first, later, producer), List.of(), List.of(), List.of(), CAT, List.of());
            ScanRequest req = ScanRequest.of(List.of("127.0.0.1"), PortSpec.of(srv.port())).withOutDir(out)
                    .withNet(NetSettings.defaults().withPerDevice(1, 0));
            ScanReport r = new ScanEngine(reg, Map.of()).run(req, control);
            DeviceResult d = r.devices().get(0);
            assertEquals(ExecutionStatus.COMPLETED, record(d, "a.first").status());
            assertEquals(ExecutionStatus.CANCELLED, record(d, "b.later").status());
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains("cancelled")));
        }
    }

    @Test
    void scanLevelChecksRunAfterEveryDeviceAndSeeAllFacts(@TempDir Path out) throws Exception {
        dev.starprobe.spi.FactKey<String> key = dev.starprobe.spi.FactKey.of("fake.banner-text", String.class);
        Check producer = check(CheckDescriptor.builder("fake.produce").produces(key).build(), ctx ->
                ctx.net().tcp(ctx.service().orElseThrow().port()).thenCompose(s -> s.read(100, Duration.ofSeconds(2)))
                        .thenApply(b -> {
                            ctx.facts().put(ctx.service().orElseThrow().ref(), key, new String(b));
                            return CheckOutcome.completed();
                        }));
        Check shared = check(CheckDescriptor.builder("fake.same-banner").scanLevel().consumes(key).build(), ctx -> {
            List<String> same = new ArrayList<>();
            String mine = ctx.services().stream().map(s -> ctx.facts().get(s.ref(), key)).flatMap(java.util.Optional::stream)
                    .findFirst().orElse(null);
            for (CheckContext.ScanPeer p : ctx.peers()) {
                if (p.device().equals(ctx.device())) continue;
                for (var s : p.services()) {
                    if (p.facts().get(s.ref(), key).filter(v -> v.equals(mine)).isPresent()) {
                        same.add(p.device().address().getHostAddress());
                    }
                }
            }
            return CompletableFuture.completedFuture(CheckOutcome.completed(
                    ctx.finding(same.isEmpty() ? Verdict.PASS : Verdict.FAIL, "peers " + ctx.peers().size() + " same " + same).build()));
        });
        PluginRegistry reg = PluginRegistry.of(List.of(producer, shared), List.of(), List.of(), List.of(), CAT, List.of());
        try (LoopbackServer a = new LoopbackServer("127.0.3.1", LoopbackServer.banner("key-1".getBytes()));
             LoopbackServer b = new LoopbackServer("127.0.3.2", LoopbackServer.banner("key-1".getBytes()))) {
            // the same port number on both addresses is not guaranteed: scan the union of both ports
            ScanRequest req = ScanRequest.of(List.of("127.0.3.1", "127.0.3.2"), PortSpec.of(a.port(), b.port())).withOutDir(out);
            ScanReport r = new ScanEngine(reg, Map.of("name", "test", "version", "0")).run(req);
            assertEquals(2, r.devices().size());
            for (DeviceResult d : r.devices()) {
                assertEquals(ExecutionStatus.COMPLETED, record(d, "fake.same-banner").status(), d.executions().toString());
                Finding f = d.findings().stream().filter(x -> x.checkId().equals("fake.same-banner")).findFirst().orElseThrow();
                assertEquals(Verdict.FAIL, f.verdict(), f.reason());
                assertTrue(f.reason().startsWith("peers 2"), f.reason());
            }
        }
    }
}
