package dev.starprobe.plugins.lab;

import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.DeviceSetup;
import dev.starprobe.engine.ScanHooks;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.lab.BuiltInLab;
import dev.starprobe.lab.Lab;
import dev.starprobe.lab.SimulatedDevice;
import dev.starprobe.lab.auth.LockoutPolicy;
import dev.starprobe.lab.devices.HardenedBattery;
import dev.starprobe.lab.devices.HardenedCamera;
import dev.starprobe.lab.devices.HardenedRouter;
import dev.starprobe.lab.devices.HardenedWearable;
import dev.starprobe.model.Device;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.ScanReport;
import dev.starprobe.net.NetSettings;
import dev.starprobe.plugins.auth.DefaultCredentialsCheck;
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
                default -> d;
            });
        }
        devices.addAll(BuiltInLab.other());
        lab = Lab.start(devices);
        // the wearable's owner account, as a lab engineer's inventory would hand it over: its MQTT lockout
        // answers CONNACK 5 like a wrong password and shows only to a credential that worked before the burst
        HardenedWearable band = (HardenedWearable) devices.stream().filter(d -> d.name().equals(HardenedWearable.NAME))
                .findFirst().orElseThrow();
        ScanHooks hooks = new ScanHooks(new OwnerCredentials(lab.address(HardenedWearable.NAME), "mqtt",
                new ScanOptions.Credential(band.mqttCredentials().user(), band.mqttCredentials().password())), null);
        try {
            Probe probe = Probe.load(null);
            installed = probe.plugins().checks().stream().map(c -> c.descriptor().id()).collect(java.util.stream.Collectors.toSet());
            Path out = Files.createTempDirectory("full-lab-scan");
            long t0 = System.nanoTime();
            report = probe.scan(ScanRequest.of(lab.targets(), PortSpec.parse("all")).withUdpPorts(PortSpec.parse("iot-udp"))
                    .withScope(List.of(lab.scopeCidr()), false).withOutDir(out)
                    .withNet(NetSettings.defaults().withPerDevice(32, 0))
                    // every impact class: the ground truth states what a full test finds (the lab's
                    // devices are built to take it and restore themselves)
                    .withAllowed(Set.of(Safety.values()))
                    .withSettings(Map.of(DefaultCredentialsCheck.LOCKOUT_WAIT_SETTING, "6")), hooks);
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

    /** One device's named credential, added to the scan-wide options for that device only (like an inventory entry). */
    record OwnerCredentials(InetAddress address, String name, ScanOptions.Credential credential) implements DeviceSetup {
        @Override
        public ScanOptions options(Device device, ScanOptions scanWide) {
            if (!device.address().equals(address)) return scanWide;
            Map<String, ScanOptions.Credential> creds = new java.util.HashMap<>(scanWide.credentials());
            creds.put(name, credential);
            return new ScanOptions(scanWide.allowedSafety(), creds, scanWide.ioTimeout(), scanWide.settings());
        }

        @Override
        public java.util.Collection<ScanOptions.Credential> credentials() {
            return List.of(credential);
        }
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
