package dev.starprobe.plugins.lab;

import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.lab.BuiltInLab;
import dev.starprobe.lab.Lab;
import dev.starprobe.lab.SimulatedDevice;
import dev.starprobe.lab.auth.LockoutPolicy;
import dev.starprobe.lab.devices.HardenedCamera;
import dev.starprobe.lab.devices.HardenedRouter;
import dev.starprobe.lab.devices.HardenedWearable;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.ScanReport;
import dev.starprobe.net.NetSettings;
import dev.starprobe.lab.devices.HardenedSmartLock;
import dev.starprobe.lab.devices.WeakSmartLock;
import dev.starprobe.plugins.auth.DefaultCredentialsCheck;
import dev.starprobe.plugins.replay.LockRecordings;
import dev.starprobe.spi.ScanOptions;
import dev.starprobe.spi.Safety;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One scan of the whole built-in lab (weak, hardened and other devices; all TCP ports, the IoT UDP ports,
 * every check of every impact class) shared by the tests that judge it: the ground-truth conformance and
 * the confusion matrix read the same report, so the slowest scan of the suite runs once per test JVM. The
 * lab stays up until the whole test plan ends (JUnit's root store closes it).
 */
public final class FullLabScan implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final Lab lab;
    private final ScanReport report;
    private final Set<String> installed;
    private final long millis;

    private FullLabScan() throws Exception {
        List<SimulatedDevice> devices = new ArrayList<>(BuiltInLab.weak());
        // the hardened units that lock out keep their 5-failure policy but for 2 s instead of 60 s: the scan
        // allows BRUTE checks and hits every interface, and the checks may wait that long for a lockout to end
        LockoutPolicy shortLockout = new LockoutPolicy(LockoutPolicy.DEFAULT_MAX_FAILURES, Duration.ofSeconds(2));
        for (SimulatedDevice d : BuiltInLab.hardened()) {
            devices.add(switch (d.name()) {
                case HardenedCamera.NAME -> new HardenedCamera(shortLockout);
                case HardenedRouter.NAME -> new HardenedRouter(shortLockout);
                case HardenedWearable.NAME -> new HardenedWearable(shortLockout);
                case HardenedSmartLock.NAME -> new HardenedSmartLock(shortLockout);
                default -> d;
            });
        }
        devices.addAll(BuiltInLab.other());
        lab = Lab.start(devices);
        try {
            // the companion app's legitimate lock commands, captured (and, for TLS/DTLS, written down) before the scan
            LockRecordings.Inputs replay = LockRecordings.record(lab, (WeakSmartLock) lab.device(WeakSmartLock.NAME),
                    (HardenedSmartLock) lab.device(HardenedSmartLock.NAME), Files.createTempDirectory("lock-app"));
            Map<String, String> settings = new java.util.HashMap<>(replay.settings());
            settings.put(DefaultCredentialsCheck.LOCKOUT_WAIT_SETTING, "6");
            Probe probe = Probe.load(null);
            installed = probe.plugins().checks().stream().map(c -> c.descriptor().id()).collect(java.util.stream.Collectors.toSet());
            Path out = Files.createTempDirectory("full-lab-scan");
            long t0 = System.nanoTime();
            report = probe.scan(ScanRequest.of(lab.targets(), PortSpec.parse("all")).withUdpPorts(PortSpec.parse("iot-udp"))
                    .withScope(List.of(lab.scopeCidr()), false).withOutDir(out)
                    .withNet(NetSettings.defaults().withPerDevice(32, 0))
                    // every impact class: the ground truth states what a full test finds (the lab's
                    // devices are built to take it and restore themselves)
                    .withOptions(new ScanOptions(Set.of(Safety.values()), replay.credentials(), ScanOptions.safeDefaults().ioTimeout(),
                            settings)));
            millis = (System.nanoTime() - t0) / 1_000_000;
        } catch (Exception | Error e) {
            lab.close();
            throw e;
        }
    }

    /** The scan of this test JVM, made on first use. */
    public static FullLabScan get(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(FullLabScan.class, k -> {
                    try {
                        return new FullLabScan();
                    } catch (Exception e) {
                        throw new IllegalStateException("the full lab scan failed", e);
                    }
                }, FullLabScan.class);
    }

    public Lab lab() {
        return lab;
    }

    public ScanReport report() {
        return report;
    }

    public Set<String> installedChecks() {
        return installed;
    }

    public long scanMillis() {
        return millis;
    }

    public DeviceResult result(SimulatedDevice d) {
        return report.devices().stream().filter(r -> r.device().address().equals(lab.address(d.name()))).findFirst()
                .orElseThrow(() -> new AssertionError(d.name() + " missing from the report"));
    }

    @Override
    public void close() {
        lab.close();
    }

    /** Hands the shared scan to a test's {@code @BeforeAll} or test method parameter. */
    public static final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
            return p.getParameter().getType() == FullLabScan.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext c) {
            return get(c);
        }
    }
}
