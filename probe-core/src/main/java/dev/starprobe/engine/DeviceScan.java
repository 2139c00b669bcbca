package dev.starprobe.engine;

import dev.starprobe.evidence.EvidenceStore;
import dev.starprobe.model.Classification;
import dev.starprobe.model.Device;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.ExecutionRecord;
import dev.starprobe.model.ExecutionStatus;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Service;
import dev.starprobe.model.Transport;
import dev.starprobe.net.DeviceNetwork;
import dev.starprobe.net.NetworkRuntime;
import dev.starprobe.plugin.PluginRegistry;
import dev.starprobe.spi.Applicability;
import dev.starprobe.spi.Check;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckTarget;
import dev.starprobe.spi.Classifier;
import dev.starprobe.spi.ServiceProbe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The pipeline for one device: port scan, service identification, classification, checks. */
final class DeviceScan {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceScan.class);
    /**
     * How long an identification probe waits for the first reply: silent and tarpit ports are met
     * by every probe in turn, so this bounds their cost without shortening the checks' own timeouts.
     */
    static final Duration MAX_PROBE_WAIT = Duration.ofMillis(2000);

    private Duration probeWait() {
        Duration io = rt.settings().ioTimeout();
        return io.compareTo(MAX_PROBE_WAIT) < 0 ? io : MAX_PROBE_WAIT;
    }

    /**
     * The most one identification probe may take, slot waits included; far above what an answering
     * service needs (a few exchanges of {@link #MAX_PROBE_WAIT}), it only ends probes that would never end.
     */
    static final Duration PROBE_BUDGET = Duration.ofSeconds(60);

    /** How long a UDP probe waits for its reply (sent twice). */
    static final Duration UDP_WAIT = Duration.ofMillis(800);

    private final NetworkRuntime rt;
    private final PluginRegistry plugins;
    private final ScanRequest req;
    private final DeviceSetup setup;
    private final EvidenceStore evidence;
    private final CheckRunner runner;
    private final ConcurrentHashMap<String, AtomicLong> stageNanos;
    private final ScanControl control;
    private final dev.starprobe.spi.ScanOptions options;

    DeviceScan(NetworkRuntime rt, PluginRegistry plugins, ScanRequest req, DeviceSetup setup, EvidenceStore evidence,
               ConcurrentHashMap<String, AtomicLong> stageNanos, ScanControl control) {
        this.control = control;
        this.options = req.options()
                .withSetting(dev.starprobe.spi.ScanOptions.TCP_PORTS_SCANNED, String.valueOf(req.ports().size()))
                .withSetting(dev.starprobe.spi.ScanOptions.UDP_PORTS_PROBED,
                        String.valueOf(req.udpPorts() == null ? 0 : req.udpPorts().size()));
        this.rt = rt;
        this.plugins = plugins;
        this.req = req;
        this.setup = setup;
        this.evidence = evidence;
        this.runner = new CheckRunner(rt.timer());
        this.stageNanos = stageNanos;
    }

    /**
     * A device after its own pipeline: the result so far and its facts, which scan-level checks
     * read once every device got this far.
     */
    record Partial(DeviceResult result, FactStore facts) {
    }

    /** Empty when the device turned out not to be there (sweep with no open port). */
    CompletionStage<Optional<Partial>> run(Device device, boolean dropIfSilent) {
        var addr = device.address();
        req.progress().on(new ScanEvent.StageStarted(addr, "portscan"));
        long t0 = System.nanoTime();
        DeviceNetwork scanNet = rt.forDevice(addr, "portscan");
        int window = PortScanner.windowFor(rt.settings());
        return new PortScanner().scan(scanNet, req.ports(), window, p -> req.progress().on(new ScanEvent.PortProbed(addr, p)),
                        control::isCancelled)
                .thenCompose(scan -> udpScan(addr).thenApply(udp -> {
                    addStage("portscan", t0);
                    List<Service> found = new ArrayList<>();
                    scan.open().forEach(p -> found.add(Service.open(Transport.TCP, p)));
                    return new Found(found, udp);
                }))
                .thenCompose(f -> {
                    List<Service> tcp = f.tcp();
                    List<Service> udp = f.udp();
                    if (tcp.isEmpty() && udp.isEmpty() && dropIfSilent) {
                        req.progress().on(new ScanEvent.DeviceDropped(addr, "no open port of " + req.ports().size()));
                        return CompletableFuture.completedFuture(Optional.<Partial>empty());
                    }
                    // UDP services found by their protocol's probe pass through the service probes too,
                    // so a probe can read more than the port scan's reply kept (CoAP resources...)
                    return identifyAll(device, tcp).thenCompose(idTcp -> identifyAll(device, udp)
                            .thenApply(idUdp -> { List<Service> both = new ArrayList<>(idTcp); both.addAll(idUdp); return both; }))
                            .thenCompose(identified -> {
                        List<Service> services = new ArrayList<>(identified);
                        Classification cls = setup.classification(device, classify(device, services));
                        FactStore facts = new FactStore();
                        return runChecks(device, services, cls, facts).thenApply(r -> {
                            req.progress().on(new ScanEvent.DeviceFinished(addr, services.size(), r.findings.size()));
                            return Optional.of(new Partial(new DeviceResult(device, services, cls, r.records, r.findings), facts));
                        });
                    });
                });
    }

    private record Found(List<Service> tcp, List<Service> udp) {
    }

    /** UDP services that answered their protocol's probe; nothing when UDP probing is off. */
    private CompletionStage<List<Service>> udpScan(java.net.InetAddress addr) {
        if (req.udpPorts() == null || control.isCancelled()) return CompletableFuture.completedFuture(List.of());
        DeviceNetwork udpNet = rt.forDevice(addr, "udpscan");
        List<Integer> ports = java.util.Arrays.stream(req.udpPorts().ports()).boxed().toList();
        return new UdpServiceScanner(UdpProbes.builtIn()).scan(udpNet, ports, UDP_WAIT)
                .whenComplete((r, e) -> udpNet.close());
    }

    private void addStage(String stage, long startNanos) {
        stageNanos.computeIfAbsent(stage, k -> new AtomicLong()).addAndGet(System.nanoTime() - startNanos);
    }

    // ---- identification ----

    private CompletionStage<List<Service>> identifyAll(Device device, List<Service> open) {
        req.progress().on(new ScanEvent.StageStarted(device.address(), "identify"));
        long t0 = System.nanoTime();
        List<CompletableFuture<Service>> all = open.stream()
                .map(s -> identify(device, s, 0).toCompletableFuture()).toList();
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
            addStage("identify", t0);
            return all.stream().map(CompletableFuture::join).sorted(Comparator.comparingInt(Service::port)).toList();
        });
    }

    private CompletionStage<Service> identify(Device device, Service service, int from) {
        List<ServiceProbe> probes = plugins.probes();
        for (int i = from; i < probes.size(); i++) {
            ServiceProbe p = probes.get(i);
            if (!p.appliesTo(service)) continue;
            int nextIndex = i + 1;
            DeviceNetwork net = rt.forDevice(device.address(), "probe:" + p.id());
            ServiceProbe.ProbeContext ctx = new ServiceProbe.ProbeContext() {
                @Override public Device device() { return device; }
                @Override public dev.starprobe.spi.Network net() { return net; }
                @Override public java.util.concurrent.Executor blockingExecutor() { return rt.blockingExecutor(); }
                @Override public Duration ioTimeout() { return probeWait(); }
            };
            CompletionStage<Optional<Service>> stage;
            try {
                stage = p.identify(ctx, service);
            } catch (RuntimeException e) {
                stage = CompletableFuture.failedFuture(e);
            }
            // a copy carries the budget, so the probe's own future is never completed by the engine
            return stage.toCompletableFuture().copy().orTimeout(PROBE_BUDGET.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    .handle((found, err) -> {
                net.close();
                if (err != null) LOG.debug("probe {} on {}:{} failed: {}", p.id(), device.address(), service.port(), err.toString());
                return err == null ? found : Optional.<Service>empty();
            }).thenCompose(found -> found.isPresent()
                    ? CompletableFuture.completedFuture(found.get())
                    : identify(device, service, nextIndex));
        }
        return CompletableFuture.completedFuture(service);
    }

    // ---- classification ----

    private Classification classify(Device device, List<Service> services) {
        Classification best = null;
        for (Classifier c : plugins.classifiers()) {
            try {
                Optional<Classification> r = c.classify(device, services);
                if (r.isPresent() && (best == null || r.get().confidence() > best.confidence())) best = r.get();
            } catch (RuntimeException e) {
                LOG.warn("classifier {} failed on {}", c.id(), device.address(), e);
            }
        }
        return best != null ? best : Classification.unknown("no classifier recognised the device");
    }

    // ---- checks ----

    private record CheckResults(List<ExecutionRecord> records, List<Finding> findings) {
    }

    private CompletionStage<CheckResults> runChecks(Device device, List<Service> services, Classification cls,
                                                    FactStore facts) {
        req.progress().on(new ScanEvent.StageStarted(device.address(), "checks"));
        long t0 = System.nanoTime();
        List<ExecutionRecord> records = Collections.synchronizedList(new ArrayList<>());
        List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
        // the device's own declaration (an inventory's) before the scan-wide one
        dev.starprobe.model.DeviceDeclaration declared = setup.declaration(device);
        if (declared == null) declared = req.declaration();
        if (declared != null) facts.put(null, dev.starprobe.spi.EngineFacts.DECLARATION, declared);
        WeightedGate gate = new WeightedGate(rt.settings().maxInFlightPerDevice());
        WeightedGate guessing = new WeightedGate(1);
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (List<Check> layer : plugins.graph().layers()) {
            List<Check> own = layer.stream().filter(c -> c.descriptor().level() != CheckDescriptor.Level.SCAN).toList();
            chain = chain.thenCompose(v -> runLayer(own, device, services, cls, facts, gate, guessing, records, findings, List.of()));
        }
        return chain.thenApply(v -> {
            addStage("checks", t0);
            return sorted(records, findings);
        });
    }

    private static CheckResults sorted(List<ExecutionRecord> records, List<Finding> findings) {
        List<ExecutionRecord> rs = new ArrayList<>(records);
        rs.sort(Comparator.comparing(ExecutionRecord::checkId)
                .thenComparing(r -> r.service() == null ? -1 : r.service().port()));
        List<Finding> fs = new ArrayList<>(findings);
        fs.sort(Comparator.comparing(Finding::checkId)
                .thenComparing(f -> f.service() == null ? -1 : f.service().port()));
        return new CheckResults(rs, fs);
    }

    /** Whether any installed check is scan-level, i.e. whether the scan needs a second phase. */
    boolean hasScanLevelChecks() {
        return plugins.checks().stream().anyMatch(c -> c.descriptor().level() == CheckDescriptor.Level.SCAN);
    }

    /**
     * The second phase for one device: its scan-level checks, now that every device of the scan
     * has finished its own pipeline and {@code peers} hold all their facts.
     */
    CompletionStage<DeviceResult> runScanLevel(Partial partial, List<CheckContext.ScanPeer> peers) {
        DeviceResult r = partial.result();
        List<ExecutionRecord> records = Collections.synchronizedList(new ArrayList<>(r.executions()));
        List<Finding> findings = Collections.synchronizedList(new ArrayList<>(r.findings()));
        WeightedGate gate = new WeightedGate(rt.settings().maxInFlightPerDevice());
        WeightedGate guessing = new WeightedGate(1);
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (List<Check> layer : plugins.graph().layers()) {
            List<Check> scanLevel = layer.stream().filter(c -> c.descriptor().level() == CheckDescriptor.Level.SCAN).toList();
            if (scanLevel.isEmpty()) continue;
            chain = chain.thenCompose(v -> runLayer(scanLevel, r.device(), r.services(), r.classification(),
                    partial.facts(), gate, guessing, records, findings, peers));
        }
        return chain.thenApply(v -> {
            CheckResults all = sorted(records, findings);
            return new DeviceResult(r.device(), r.services(), r.classification(), all.records, all.findings, r.inventory());
        });
    }

    /**
     * @param guessing admits one check of the device that logs in ({@link CheckDescriptor#logsIn()}, every BRUTE
     *                 check) at a time: credential guesses from two checks would add up to one lockout, each
     *                 check would then see the other's lockout as its own answer, a valid login of one would
     *                 reset the count the other's burst builds, and the device's owner would be locked out
     *                 longer than any one test needs
     */
    private CompletionStage<Void> runLayer(List<Check> layer, Device device, List<Service> services,
                                           Classification cls, FactStore facts, WeightedGate gate,
                                           WeightedGate guessing, List<ExecutionRecord> records, List<Finding> findings,
                                           List<CheckContext.ScanPeer> peers) {
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (Check check : layer) {
            CheckDescriptor d = check.descriptor();
            List<Service> targets = d.level() != CheckDescriptor.Level.SERVICE
                    ? Collections.singletonList(null) : services;
            for (Service s : targets) {
                ExecutionRecord notRun = gateKeep(check, device, services, s, cls);
                if (notRun != null) {
                    record(device, notRun, records);
                    continue;
                }
                Duration budget = req.checkTimeout() != null ? req.checkTimeout() : d.timeout();
                boolean guesses = d.logsIn();
                CompletionStage<Void> admitted = guesses
                        ? guessing.acquire(1).thenCompose(v -> gate.acquire(d.sessions())) : gate.acquire(d.sessions());
                CompletableFuture<Void> f = admitted.thenCompose(v -> {
                    if (control.isCancelled()) {
                        return CompletableFuture.completedFuture(new CheckRunner.Result(new ExecutionRecord(d.id(),
                                s == null ? null : s.ref(), ExecutionStatus.CANCELLED, null,
                                "scan cancelled before this check started", 0, 0), List.of()));
                    }
                    DeviceNetwork net = rt.forDevice(device.address(), "check:" + d.id());
                    return runner.run(check, s, budget, net, n -> new DefaultCheckContext(d, device, services, s, cls,
                            facts, n, setup.options(device, options), rt.blockingExecutor(),
                            new DeviceEvidence(evidence, device.id(), d.id()), peers));
                }).handle((r, err) -> {
                    gate.release(d.sessions());
                    if (guesses) guessing.release(1);
                    if (r != null) {
                        record(device, r.record(), records);
                        findings.addAll(r.findings());
                    } else {
                        record(device, new ExecutionRecord(d.id(), s == null ? null : s.ref(), ExecutionStatus.ERROR,
                                dev.starprobe.model.NetworkFailure.OTHER, "engine error: " + err, 0, 0), records);
                    }
                    return (Void) null;
                }).toCompletableFuture();
                runs.add(f);
            }
        }
        return CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new));
    }

    /** Why a check must not run on this target, as a record; null when it may run. */
    private ExecutionRecord gateKeep(Check check, Device device, List<Service> services, Service s, Classification cls) {
        CheckDescriptor d = check.descriptor();
        var ref = s == null ? null : s.ref();
        if (control.isCancelled()) {
            return new ExecutionRecord(d.id(), ref, ExecutionStatus.CANCELLED, null, "scan cancelled before this check started", 0, 0);
        }
        if (!req.profile().includes(d.id())) {
            return new ExecutionRecord(d.id(), ref, ExecutionStatus.SKIPPED, null,
                    "not in profile '" + req.profile().name() + "'", 0, 0);
        }
        if (!setup.options(device, options).allowedSafety().contains(d.safety())) {
            return new ExecutionRecord(d.id(), ref, ExecutionStatus.SKIPPED, null,
                    d.safety() + " check: not allowed for this device (use --allow " + d.safety().name().toLowerCase() + ")", 0, 0);
        }
        if (d.sessions() > rt.settings().maxInFlightPerDevice()) {
            return new ExecutionRecord(d.id(), ref, ExecutionStatus.SKIPPED, null, "needs " + d.sessions()
                    + " concurrent sessions; the per-device limit is " + rt.settings().maxInFlightPerDevice(), 0, 0);
        }
        Applicability a;
        try {
            a = check.appliesTo(new CheckTarget(device, services, s, cls));
        } catch (RuntimeException e) {
            return new ExecutionRecord(d.id(), ref, ExecutionStatus.ERROR, dev.starprobe.model.NetworkFailure.OTHER,
                    "applicability test failed: " + e, 0, 0);
        }
        if (!a.applies()) {
            return new ExecutionRecord(d.id(), ref, ExecutionStatus.NOT_APPLICABLE, null, a.reason(), 0, 0);
        }
        return null;
    }

    private void record(Device device, ExecutionRecord r, List<ExecutionRecord> records) {
        records.add(r);
        req.progress().on(new ScanEvent.CheckFinished(device.address(), r));
    }
}
