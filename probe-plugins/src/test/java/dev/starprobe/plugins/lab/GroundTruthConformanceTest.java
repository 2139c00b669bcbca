package dev.starprobe.plugins.lab;

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

    @BeforeAll
    static void scanTheLab() throws Exception {
        List<SimulatedDevice> devices = new ArrayList<>(BuiltInLab.weak());
        devices.addAll(BuiltInLab.hardened());
        devices.addAll(BuiltInLab.other());
        lab = Lab.start(devices);
        Probe probe = Probe.load(null);
        installed = probe.plugins().checks().stream().map(c -> c.descriptor().id()).collect(Collectors.toSet());
        Path out = Files.createTempDirectory("conformance");
        report = probe.scan(ScanRequest.of(lab.targets(), PortSpec.parse("all")).withUdpPorts(PortSpec.parse("iot-udp"))
                .withScope(List.of(lab.scopeCidr()), false).withOutDir(out)
                .withNet(NetSettings.defaults().withPerDevice(32, 0))
                // every impact class: the ground truth states what a full test finds (the lab's
                // devices are built to take it and restore themselves)
                .withAllowed(java.util.Set.of(dev.starprobe.spi.Safety.values())));
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
