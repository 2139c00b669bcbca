package dev.starprobe.engine;

import dev.starprobe.evidence.EvidenceCapture;
import dev.starprobe.evidence.EvidenceStore;
import dev.starprobe.evidence.Redactor;
import dev.starprobe.report.ReportRedaction;
import dev.starprobe.model.Device;
import dev.starprobe.model.InventoryEntry;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.ScanParameters;
import dev.starprobe.model.ScanReport;
import dev.starprobe.net.NetworkRuntime;
import dev.starprobe.plugin.PluginRegistry;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.Safety;
import dev.starprobe.spi.ScanOptions;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a scan: resolves targets inside the scope, then runs each device's pipeline concurrently
 * (bounded), and assembles the canonical report.
 */
public final class ScanEngine {
    /** Devices whose pipelines run at once; connections are bounded separately by the limiters. */
    static final int DEVICE_CONCURRENCY = 64;

    private final PluginRegistry plugins;
    private final Map<String, String> toolInfo;

    public ScanEngine(PluginRegistry plugins, Map<String, String> toolInfo) {
        this.plugins = plugins;
        this.toolInfo = Map.copyOf(toolInfo);
    }

    /**
     * @throws IllegalArgumentException for bad targets or scope (message fit for the user)
     */
    public ScanReport run(ScanRequest req) {
        return run(req, new ScanControl(), ScanHooks.NONE);
    }

    /**
     * @param control lets the caller cancel; a cancelled scan still returns a complete report
     * @throws IllegalArgumentException for bad targets or scope (message fit for the user)
     */
    public ScanReport run(ScanRequest req, ScanControl control) {
        return run(req, control, ScanHooks.NONE, null);
    }

    /** A scan with per-device setup (e.g. from an inventory) and packet capture around each device. */
    public ScanReport run(ScanRequest req, ScanHooks hooks) {
        return run(req, new ScanControl(), hooks, null);
    }

    public ScanReport run(ScanRequest req, ScanControl control, ScanHooks hooks) {
        return run(req, control, hooks, null);
    }

    /**
     * @param control   lets the caller cancel; a cancelled scan still returns a complete report
     * @param hooks     per-device setup and packet capture around each device's pipeline
     * @param discovery when not null, discovery runs before the port scan and what it learned (MAC,
     *                  names, hints) goes into the device records
     * @throws IllegalArgumentException for bad targets or scope (message fit for the user)
     */
    public ScanReport run(ScanRequest req, ScanControl control, ScanHooks hooks, DiscoveryPlan discovery) {
        Instant started = Instant.now();
        TargetResolver.Resolved resolved = new TargetResolver().resolve(req.targets(), req.scope(), req.allowPublic());
        List<String> warnings = new ArrayList<>();
        Redactor userSecrets = redactor(req.options(), hooks.setup());
        EvidenceStore evidence = new EvidenceStore(req.outDir(), userSecrets);
        if (req.outDir() == null) warnings.add("no output directory: evidence was not stored");
        ConcurrentHashMap<String, AtomicLong> stageNanos = new ConcurrentHashMap<>();
        List<DeviceResult> results;
        long t0 = System.nanoTime();
        var link = discovery == null || discovery.interfaceName() == null ? null
                : dev.starprobe.net.InterfaceResolver.resolve(discovery.interfaceName());
        Map<String, Long> stages = new LinkedHashMap<>();
        try (NetworkRuntime rt = new NetworkRuntime(req.net(), resolved.guard())) {
            List<Device> devices = resolved.addresses().stream().map(Device::at).toList();
            boolean dropIfSilent = resolved.sweep();
            if (discovery != null) {
                var t = new DiscoveryStage(plugins.discoverers()).forScan(rt, resolved.addresses(), resolved.sweep(),
                        discovery, link, req.options().allowedSafety(), warnings, stages);
                devices = t.devices();
                dropIfSilent = t.dropIfSilent();
            }
            req.progress().on(new ScanEvent.ScanStarted(devices.size(), req.ports().size()));
            results = scanAll(rt, devices, dropIfSilent, req, hooks, evidence, stageNanos, control).stream()
                    .map(r -> sealed(evidence, r)).toList();
            warnings.addAll(hooks.capture().warnings());
            if (control.isCancelled()) warnings.add(control.reason() + ": checks that did not start are reported as CANCELLED");
            evidence.writeManifest();
            for (String s : List.of("portscan", "identify", "checks")) {
                AtomicLong n = stageNanos.get(s);
                stages.put(s + ".deviceSumMillis", n == null ? 0 : TimeUnit.NANOSECONDS.toMillis(n.get()));
            }
            stages.put("total", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            return new ScanReport(ScanReport.SCHEMA_VERSION, toolInfo, started, Instant.now(), parameters(req, resolved),
                    results, resolved.guard().refusals(), stages, warnings.stream().map(userSecrets::redact).toList());
        }
    }

    /**
     * A device's result as reported, once all its checks have ended: its evidence files redacted for every
     * secret it was found to disclose (re-hashed where that changed them), and its texts redacted for those
     * and the user's secrets.
     */
    private static DeviceResult sealed(EvidenceStore evidence, DeviceResult r) {
        String id = r.device().id();
        evidence.finish(id);
        return new ReportRedaction(evidence.redactor(id), evidence::current).device(r);
    }

    private List<DeviceResult> scanAll(NetworkRuntime rt, List<Device> devices, boolean dropIfSilent, ScanRequest req,
                                       ScanHooks hooks, EvidenceStore evidence,
                                       ConcurrentHashMap<String, AtomicLong> stageNanos, ScanControl control) {
        DeviceScan scan = new DeviceScan(rt, plugins, req, hooks.setup(), evidence, stageNanos, control);
        Semaphore slots = new Semaphore(DEVICE_CONCURRENCY);
        // the engine's own file work (redaction, sealing and hashing captures) has threads of its own: checks
        // that overrun their budget may still hold blocking-pool threads, and must never delay a device's end
        java.util.concurrent.ExecutorService sealing = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "sp-seal");
            t.setDaemon(true);
            return t;
        });
        try {
            return scanAll(rt, devices, dropIfSilent, req, hooks, evidence, control, scan, slots, sealing);
        } finally {
            sealing.shutdown();
        }
    }

    private List<DeviceResult> scanAll(NetworkRuntime rt, List<Device> devices, boolean dropIfSilent, ScanRequest req,
                                       ScanHooks hooks, EvidenceStore evidence, ScanControl control, DeviceScan scan,
                                       Semaphore slots, java.util.concurrent.Executor sealing) {
        List<CompletableFuture<Optional<DeviceScan.Partial>>> all = new ArrayList<>();
        for (Device discovered : devices) {
            if (control.isCancelled()) break; // devices not started are not in the report; the warning says why
            slots.acquireUninterruptibly();
            Device device = withDiscovered(hooks.setup().device(discovered.address()), discovered);
            // capture starts before the device's first packet and is sealed after its last; sealing
            // hashes the file, so it runs on the blocking pool, never on an event loop
            EvidenceCapture.DeviceCapture capture = hooks.capture().start(device, evidence);
            InventoryEntry entry = hooks.setup().inventoryEntry(device);
            CompletableFuture<Optional<DeviceScan.Partial>> f = scan.run(device, dropIfSilent).toCompletableFuture()
                    // the device's own checks have ended: redact its files for the secrets they found (the raw
                    // transcripts kept for that are let go; scan-level checks' files are redacted when written)
                    .thenApplyAsync(r -> r.map(p -> {
                                evidence.finish(device.id());
                                return new DeviceScan.Partial(capture.finish(p.result().withInventory(entry)), p.facts());
                            })
                            .or(() -> {
                                capture.discard();
                                return Optional.empty();
                            }), sealing);
            f.whenComplete((r, e) -> {
                if (e != null) capture.discard();
                slots.release();
            });
            all.add(f);
        }
        List<DeviceScan.Partial> partials = new ArrayList<>();
        for (var f : all) f.join().ifPresent(partials::add);
        // scan-level checks exchange no traffic of their own: they run after every capture is sealed
        List<DeviceResult> out = scan.hasScanLevelChecks() ? scanLevel(scan, partials, slots)
                : partials.stream().map(DeviceScan.Partial::result).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        out.sort(Comparator.comparing(r -> new java.math.BigInteger(1, r.device().address().getAddress())));
        return out;
    }

    /** Second phase: scan-level checks of every device, each seeing the facts of all devices. */
    private static List<DeviceResult> scanLevel(DeviceScan scan, List<DeviceScan.Partial> partials, Semaphore slots) {
        List<CheckContext.ScanPeer> peers = partials.stream()
                .map(p -> new CheckContext.ScanPeer(p.result().device(), p.result().services(), p.facts())).toList();
        List<CompletableFuture<DeviceResult>> all = new ArrayList<>();
        for (DeviceScan.Partial p : partials) {
            slots.acquireUninterruptibly();
            CompletableFuture<DeviceResult> f = scan.runScanLevel(p, peers).toCompletableFuture();
            f.whenComplete((r, e) -> slots.release());
            all.add(f);
        }
        List<DeviceResult> out = new ArrayList<>();
        for (var f : all) out.add(f.join());
        return out;
    }

    /**
     * The inventory's identity for the address, completed with what discovery learned: the
     * inventory names the device, discovery adds the MAC, names and hints it saw.
     */
    static Device withDiscovered(Device configured, Device discovered) {
        if (discovered.mac() == null && discovered.names().isEmpty() && discovered.hints().isEmpty()) return configured;
        List<String> names = new ArrayList<>(configured.names());
        discovered.names().stream().filter(n -> !names.contains(n)).forEach(names::add);
        Map<String, String> hints = new java.util.TreeMap<>(discovered.hints());
        hints.putAll(configured.hints());
        boolean idIsAddress = configured.id().equals(configured.address().getHostAddress());
        return new Device(idIsAddress && discovered.mac() != null ? discovered.id() : configured.id(), configured.address(),
                configured.mac() != null ? configured.mac() : discovered.mac(), names, hints);
    }

    private static Redactor redactor(ScanOptions o, DeviceSetup setup) {
        List<ScanOptions.Credential> all = new ArrayList<>(o.credentials().values());
        all.addAll(setup.credentials());
        return Redactor.of(all);
    }

    private static ScanParameters parameters(ScanRequest req, TargetResolver.Resolved r) {
        var n = req.net();
        return new ScanParameters(req.targets(), r.guard().scope().stream().map(Object::toString).toList(),
                req.ports().toString(), req.profile().name(),
                req.options().allowedSafety().stream().sorted().map(Safety::name).toList(),
                n.maxInFlightPerDevice(), n.perSecondPerDevice(), n.globalMaxInFlight(),
                n.connectTimeout().toMillis(), n.ioTimeout().toMillis());
    }
}
