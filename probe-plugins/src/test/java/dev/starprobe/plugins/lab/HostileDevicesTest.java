package dev.starprobe.plugins.lab;

import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.lab.BuiltInLab;
import dev.starprobe.lab.Lab;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.ScanReport;
import dev.starprobe.model.Verdict;
import dev.starprobe.report.JsonReport;
import dev.starprobe.report.ReportSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tarpits, drips, floods, garbage, resets and reboots: the scan ends, memory stays bounded (the
 * huge banner streams hundreds of MB if read), the report is written and valid, and no hostile
 * device earns a PASS.
 */
@org.junit.jupiter.api.parallel.Isolated
class HostileDevicesTest {
    /**
     * PASSes a hostile device earns honestly: reboot-on-malformed is only hostile to malformed input; to
     * well-formed requests it serves one harmless page ("OK", "Server: uhttpd" without a version), so
     * "nothing sensitive is served without authentication" is what its HTTP really shows.
     */
    private static final java.util.Set<String> DESERVED_PASSES = java.util.Set.of(
            dev.starprobe.lab.hostile.RebootOnMalformed.NAME + " exposure.info-disclosure");

    @Test
    void hostileDevicesNeverStallTheScanOrEarnAPass(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(BuiltInLab.hostile())) {
            Runtime rt = Runtime.getRuntime();
            rt.gc();
            long before = rt.totalMemory() - rt.freeMemory();
            // the bound is generous for a loaded CI machine; the point is that it ends at all
            ScanReport r = assertTimeoutPreemptively(Duration.ofSeconds(150), () -> Probe.load(null).scan(
                    ScanRequest.of(lab.targets(), PortSpec.parse("iot")).withUdpPorts(PortSpec.parse("iot-udp"))
                            .withScope(List.of(lab.scopeCidr()), false).withOutDir(out)));
            // what the scan retains, not the garbage it left (a huge banner read and dropped is garbage)
            rt.gc();
            long after = rt.totalMemory() - rt.freeMemory();

            assertEquals(lab.devices().size(), r.devices().size());
            for (DeviceResult d : r.devices()) {
                String name = lab.devices().stream().filter(x -> lab.address(x.name()).equals(d.device().address()))
                        .findFirst().orElseThrow().name();
                assertTrue(d.findings().stream().noneMatch(f -> f.verdict() == Verdict.PASS
                                && !DESERVED_PASSES.contains(name + " " + f.checkId())),
                        name + " earned a PASS: " + d.findings());
            }
            assertEquals(List.of(), ReportSchema.violations(JsonReport.toJson(r)));
            assertTrue(after - before < 256L << 20, "heap grew by " + ((after - before) >> 20) + " MiB");
        }
    }
}
