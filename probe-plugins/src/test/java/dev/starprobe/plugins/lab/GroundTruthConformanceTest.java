package dev.starprobe.plugins.lab;

import java.util.Map;

import dev.starprobe.lab.ExpectedVerdict;
import dev.starprobe.lab.Lab;
import dev.starprobe.lab.SimulatedDevice;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.Finding;
import dev.starprobe.model.ScanReport;
import dev.starprobe.model.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Holds every installed check to each device's declared ground truth, on the shared whole-lab scan
 * ({@link FullLabScan}: all TCP ports, the IoT UDP ports, every impact class): adding a device or an
 * expectation adds test cases. Expectations of checks that are not installed yet are listed, not
 * silently dropped.
 */
@ExtendWith(FullLabScan.Resolver.class)
@org.junit.jupiter.api.parallel.Isolated
class GroundTruthConformanceTest {
    private static Lab lab;
    private static ScanReport report;
    private static Set<String> installed;

    /**
     * Expectations of installed checks on surfaces those checks do not implement yet, with the missing
     * surface. Listed in the output like uninstalled checks, never silently dropped; remove an entry when
     * its surface lands.
     */
    private static final Map<String, String> NOT_COVERED = Map.of();

    @BeforeAll
    static void scanTheLab(FullLabScan scan) {
        lab = scan.lab();
        report = scan.report();
        installed = scan.installedChecks();
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
