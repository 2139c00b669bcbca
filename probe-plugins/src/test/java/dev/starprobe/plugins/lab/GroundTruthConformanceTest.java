package dev.starprobe.plugins.lab;

import dev.starprobe.lab.auth.LockoutPolicy;
import dev.starprobe.lab.devices.HardenedCamera;
import dev.starprobe.lab.devices.HardenedRouter;
import dev.starprobe.lab.devices.HardenedWearable;
import dev.starprobe.plugins.auth.DefaultCredentialsCheck;
import dev.starprobe.engine.DeviceSetup;
import dev.starprobe.engine.ScanHooks;
import dev.starprobe.lab.auth.Credentials;
import dev.starprobe.model.Device;
import dev.starprobe.spi.Safety;
import dev.starprobe.spi.ScanOptions;
import java.net.InetAddress;
import java.util.Collection;
import java.util.HashMap;
import java.time.Duration;
import java.util.Map;

import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.lab.BuiltInLab;
import dev.starprobe.lab.ExpectedVerdict;
import dev.starprobe.lab.Lab;
import dev.starprobe.lab.SimulatedDevice;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.Finding;
import dev.starprobe.model.ScanReport;
import dev.starprobe.model.Verdict;
import dev.starprobe.net.NetSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Scans the whole built-in lab once (all TCP ports, the IoT UDP ports) and holds every installed
 * check to each device's declared ground truth: adding a device or an expectation adds test cases.
 * Expectations of checks that are not installed yet are listed, not silently dropped.
 */
class GroundTruthConformanceTest {
    private static Lab lab;
    private static ScanReport report;
    private static Set<String> installed;

    /**
     * Expectations of installed checks on surfaces those checks do not implement yet, with the missing
     * surface. Listed in the output like uninstalled checks, never silently dropped; remove an entry when
     * its surface lands.
     */
    private static final Map<String, String> NOT_COVERED = Map.ofEntries(
            Map.entry("router-weak auth.default-credentials:161", "SNMP communities"),
            Map.entry("plc-weak auth.default-credentials:161", "SNMP communities"),
            Map.entry("router-hardened auth.default-credentials:161", "SNMP communities"),
            Map.entry("router-hardened auth.default-credentials:22", "SSH password"),
            Map.entry("battery-weak auth.default-credentials:443", "vendor JSON API token"),
            Map.entry("battery-hardened auth.default-credentials:443", "vendor JSON API token"),
            Map.entry("router-hardened auth.brute-force:22", "SSH password"),
            Map.entry("wearable-hardened auth.brute-force:8883", "MQTT lockout answers CONNACK 5 like a wrong password: visible only with a valid credential, not supplied here"));

    @BeforeAll
    static void scanTheLab() throws Exception {
        List<SimulatedDevice> devices = new ArrayList<>(BuiltInLab.weak());
        // the hardened units that lock out keep their 5-failure policy but for 2 s instead of 60 s: the scan
        // allows BRUTE checks and hits every interface, and the checks may wait that long for a lockout to end
        LockoutPolicy shortLockout = new LockoutPolicy(LockoutPolicy.DEFAULT_MAX_FAILURES, Duration.ofSeconds(2));
        for (SimulatedDevice d : BuiltInLab.hardened()) {
            devices.add(switch (d.name()) {
                case HardenedCamera.NAME -> new HardenedCamera(shortLockout);
                case HardenedRouter.NAME -> new HardenedRouter(new LockoutPolicy(5, Duration.ofSeconds(2)));
                case HardenedWearable.NAME -> new HardenedWearable(new LockoutPolicy(5, Duration.ofSeconds(2)));
                default -> d;
            });
        }
        devices.addAll(BuiltInLab.other());
        lab = Lab.start(devices);
        // the owner's account of the hardened web UIs, as a lab engineer would supply it (an inventory
        // credential): a user-enumeration test needs one existing user name to compare unknown ones with
        Map<InetAddress, ScanOptions.Credential> owners = new HashMap<>();
        for (SimulatedDevice d : lab.devices()) {
            if (d instanceof HardenedCamera c) owners.put(lab.address(d.name()), credential(c.credentials()));
            if (d instanceof HardenedRouter r) owners.put(lab.address(d.name()), credential(r.credentials()));
        }
        DeviceSetup setup = new DeviceSetup() {
            @Override
            public ScanOptions options(Device device, ScanOptions scanWide) {
                ScanOptions.Credential c = owners.get(device.address());
                return c == null ? scanWide : new ScanOptions(scanWide.allowedSafety(), Map.of("owner", c),
                        scanWide.ioTimeout(), scanWide.settings());
            }

            @Override
            public Collection<ScanOptions.Credential> credentials() {
                return owners.values();
            }
        };
        Probe probe = Probe.load(null);
        installed = probe.plugins().checks().stream().map(c -> c.descriptor().id()).collect(Collectors.toSet());
        Path out = Files.createTempDirectory("conformance");
        report = probe.scan(ScanRequest.of(lab.targets(), PortSpec.parse("all")).withUdpPorts(PortSpec.parse("iot-udp"))
                .withScope(List.of(lab.scopeCidr()), false).withOutDir(out)
                .withNet(NetSettings.defaults().withPerDevice(32, 0))
                // every impact class: the ground truth states what a full test finds (the lab's
                // devices are built to take it and restore themselves)
                .withAllowed(Set.of(Safety.values()))
                .withSettings(Map.of(DefaultCredentialsCheck.LOCKOUT_WAIT_SETTING, "6")), new ScanHooks(setup, null));
    }

    private static ScanOptions.Credential credential(Credentials c) {
        return new ScanOptions.Credential(c.user(), c.password());
    }

    @AfterAll
    static void stopTheLab() {
        if (lab != null) lab.close();
    }

    @TestFactory
    List<DynamicTest> everyInstalledCheckMatchesTheGroundTruth() {
        List<DynamicTest> tests = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (SimulatedDevice d : lab.devices()) {
            DeviceResult result = report.devices().stream()
                    .filter(r -> r.device().address().equals(lab.address(d.name()))).findFirst()
                    .orElseThrow(() -> new AssertionError(d.name() + " missing from the report"));
            for (ExpectedVerdict e : d.truth().expectations()) {
                String notCovered = NOT_COVERED.get(d.name() + " " + e.checkId() + ":" + e.port());
                if (notCovered != null) {
                    pending.add(d.name() + " " + e.checkId() + ":" + e.port() + " (surface not implemented: " + notCovered + ")");
                    continue;
                }
                if (!installed.contains(e.checkId())) {
                    pending.add(d.name() + " " + e.checkId() + (e.port() == null ? "" : ":" + e.port()));
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(d.name() + " " + e.checkId() + (e.port() == null ? "" : ":" + e.port())
                        + " -> " + e.verdict(), () -> assertMatches(result, e)));
            }
        }
        System.out.println("ground-truth expectations without an installed check (" + pending.size() + "): " + pending);
        return tests;
    }

    static void assertMatches(DeviceResult r, ExpectedVerdict e) {
        List<Finding> fs = r.findings().stream().filter(f -> f.checkId().equals(e.checkId()))
                .filter(f -> e.port() == null || (f.service() != null && f.service().port() == e.port())).toList();
        String context = "expected " + e.verdict() + " because " + e.why() + "; got " + fs.stream()
                .map(f -> f.verdict() + " (" + f.reason() + ")").toList() + "; executions " + r.executions().stream()
                .filter(x -> x.checkId().equals(e.checkId())).toList();
        switch (e.verdict()) {
            case FAIL -> assertTrue(fs.stream().anyMatch(f -> f.verdict() == Verdict.FAIL), context);
            case NOT_APPLICABLE -> assertTrue(fs.stream().allMatch(f -> f.verdict() == Verdict.NOT_APPLICABLE), context);
            default -> {
                if (fs.isEmpty()) fail(context);
                Verdict worst = fs.stream().map(Finding::verdict).reduce(Verdict.NOT_APPLICABLE, Verdict::worst);
                assertEquals(e.verdict(), worst, context);
            }
        }
    }
}
