package dev.starprobe.plugins.lab;

import dev.starprobe.Probe;
import dev.starprobe.engine.DeviceSetup;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanHooks;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.lab.BuiltInLab;
import dev.starprobe.lab.Lab;
import dev.starprobe.lab.SimulatedDevice;
import dev.starprobe.lab.auth.Credentials;
import dev.starprobe.lab.auth.LockoutPolicy;
import dev.starprobe.lab.devices.HardenedBattery;
import dev.starprobe.lab.devices.HardenedCamera;
import dev.starprobe.lab.devices.HardenedRouter;
import dev.starprobe.lab.devices.HardenedSmartLock;
import dev.starprobe.lab.devices.HardenedWearable;
import dev.starprobe.lab.devices.WeakSmartLock;
import dev.starprobe.model.Device;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.ScanReport;
import dev.starprobe.net.NetSettings;
import dev.starprobe.plugins.auth.DefaultCredentialsCheck;
import dev.starprobe.plugins.replay.LockRecordings;
import dev.starprobe.spi.Safety;
import dev.starprobe.spi.ScanOptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
    /** Ten times the scan's usual length on a loaded two-core machine (1.5-4 min). */
    private static final Duration SCAN_DEADLINE = Duration.ofMinutes(15);

    private final Lab lab;
    private final ScanReport report;
    private final Set<String> installed;
    private final long millis;

    private FullLabScan() throws Exception {
        List<SimulatedDevice> devices = new ArrayList<>(BuiltInLab.weak());
        // the hardened units that lock out keep their 5-failure policy but for 2 s instead of 60 s: the scan
        // allows BRUTE checks and hits every interface, and the checks may wait that long for a lockout to end.
        // One policy per unit: a policy counts per source address, and the probe is one source for every unit
        for (SimulatedDevice d : BuiltInLab.hardened()) {
            LockoutPolicy shortLockout = new LockoutPolicy(LockoutPolicy.DEFAULT_MAX_FAILURES, Duration.ofSeconds(2));
            devices.add(switch (d.name()) {
                case HardenedCamera.NAME -> new HardenedCamera(shortLockout);
                case HardenedRouter.NAME -> new HardenedRouter(shortLockout);
                // MQTT's lockout shows only to the owner's login right after the burst, which a 2 s lock may not
                // outlast on a loaded machine; CONNACK 5 is no lockout sign to the default-credential check either
                case HardenedWearable.NAME -> new HardenedWearable(new LockoutPolicy(LockoutPolicy.DEFAULT_MAX_FAILURES,
                        Duration.ofSeconds(10)));
                case HardenedBattery.NAME -> new HardenedBattery(shortLockout);
                case HardenedSmartLock.NAME -> new HardenedSmartLock(shortLockout);
                default -> d;
            });
        }
        devices.addAll(BuiltInLab.other());
        lab = Lab.start(devices);
        try {
            DeviceSetup owners = ownerAccounts(lab);
            // the companion app's legitimate lock commands, captured (and, for TLS/DTLS, written down) before the scan
            LockRecordings.Inputs replay = LockRecordings.record(lab, (WeakSmartLock) lab.device(WeakSmartLock.NAME),
                    (HardenedSmartLock) lab.device(HardenedSmartLock.NAME), Files.createTempDirectory("lock-app"));
            Map<String, String> settings = new java.util.HashMap<>(replay.settings());
            settings.put(DefaultCredentialsCheck.LOCKOUT_WAIT_SETTING, "6");
            Probe probe = Probe.load(null);
            installed = probe.plugins().checks().stream().map(c -> c.descriptor().id()).collect(java.util.stream.Collectors.toSet());
            Path out = Files.createTempDirectory("full-lab-scan");
            long t0 = System.nanoTime();
            report = BoundedScan.run(probe, ScanRequest.of(lab.targets(), PortSpec.parse("all")).withUdpPorts(PortSpec.parse("iot-udp"))
                    .withScope(List.of(lab.scopeCidr()), false).withOutDir(out)
                    .withNet(NetSettings.defaults().withPerDevice(32, 0))
                    // every impact class: the ground truth states what a full test finds (the lab's
                    // devices are built to take it and restore themselves)
                    // a doubled I/O timeout: sixteen devices answer every check at once on a loaded CI machine
                    .withOptions(new ScanOptions(Set.of(Safety.values()), replay.credentials(),
                            ScanOptions.safeDefaults().ioTimeout().multipliedBy(2), settings)), new ScanHooks(owners, null),
                    SCAN_DEADLINE);
            millis = (System.nanoTime() - t0) / 1_000_000;
        } catch (Exception | Error e) {
            lab.close();
            throw e;
        }
    }

    /**
     * The owners' accounts, as a lab engineer's inventory would hand them over, each to its own device only:
     * the hardened web UIs' account ("https": a user-enumeration test needs one existing user name to
     * compare unknown ones with) and the wearable's MQTT account ("mqtt": its lockout answers CONNACK 5
     * like a wrong password and shows only to a credential that worked before the burst).
     */
    private static DeviceSetup ownerAccounts(Lab lab) {
        Map<InetAddress, Map<String, ScanOptions.Credential>> owners = new HashMap<>();
        for (SimulatedDevice d : lab.devices()) {
            InetAddress a = lab.address(d.name());
            if (d instanceof HardenedCamera c) owners.put(a, Map.of("https", credential(c.credentials())));
            if (d instanceof HardenedRouter r) owners.put(a, Map.of("https", credential(r.credentials())));
            if (d instanceof HardenedWearable w) owners.put(a, Map.of("mqtt", credential(w.mqttCredentials())));
        }
        return new DeviceSetup() {
            @Override
            public ScanOptions options(Device device, ScanOptions scanWide) {
                Map<String, ScanOptions.Credential> own = owners.get(device.address());
                if (own == null) return scanWide;
                Map<String, ScanOptions.Credential> creds = new HashMap<>(scanWide.credentials());
                creds.putAll(own);
                return new ScanOptions(scanWide.allowedSafety(), creds, scanWide.ioTimeout(), scanWide.settings());
            }

            @Override
            public Collection<ScanOptions.Credential> credentials() {
                return owners.values().stream().flatMap(m -> m.values().stream()).toList();
            }
        };
    }

    private static ScanOptions.Credential credential(Credentials c) {
        return new ScanOptions.Credential(c.user(), c.password());
    }

    /** The scan of this test JVM, made on first use; a scan that failed fails every later user at once. */
    public static FullLabScan get(ExtensionContext context) {
        Object scan = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(FullLabScan.class, k -> {
                    try {
                        return new FullLabScan();
                    } catch (Exception | Error e) {
                        return new Failed(e);
                    }
                });
        if (scan instanceof Failed f) throw new IllegalStateException("the full lab scan failed", f.cause());
        return (FullLabScan) scan;
    }

    private record Failed(Throwable cause) {
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
