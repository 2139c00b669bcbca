package dev.starprobe.plugins.exposure;

import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.lab.Lab;
import dev.starprobe.lab.devices.HardenedRouter;
import dev.starprobe.lab.devices.WeakRouter;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.Finding;
import dev.starprobe.model.ScanReport;
import dev.starprobe.model.Verdict;
import dev.starprobe.spi.Safety;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpnpIgdCheckTest {
    private static Finding igd(ScanReport r, Lab lab, String name) {
        DeviceResult d = r.devices().stream().filter(x -> x.device().address().equals(lab.address(name))).findFirst().orElseThrow();
        List<Finding> f = d.findings().stream().filter(x -> x.checkId().equals("exposure.upnp-igd")).toList();
        assertEquals(1, f.size(), name + ": " + f + " " + d.executions());
        return f.get(0);
    }

    private static ScanReport scan(Lab lab, Set<Safety> allowed, Path out) {
        return Probe.load(null).scan(ScanRequest.of(lab.targets(), PortSpec.of(80, 443, 49152))
                .withScope(List.of(lab.scopeCidr()), false).withOutDir(out).withAllowed(allowed));
    }

    @Test
    void safeRunOnlyReportsTheOfferAndSendsNoAction(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new WeakRouter()))) {
            Finding f = igd(scan(lab, Set.of(Safety.SAFE), out), lab, "router-weak");
            assertEquals(Verdict.INCONCLUSIVE, f.verdict());
            assertTrue(f.reason().contains("--allow intrusive"), f.reason());
            assertEquals(0, lab.traffic("router-weak").writes(), "no AddPortMapping in a safe run");
        }
    }

    @Test
    void intrusiveRunFailsTheOpenGatewayAndRestoresIt(@TempDir Path out) throws Exception {
        WeakRouter weak = new WeakRouter();
        try (Lab lab = Lab.start(List.of(weak, new HardenedRouter()))) {
            ScanReport r = scan(lab, Set.of(Safety.SAFE, Safety.INTRUSIVE), out);
            Finding open = igd(r, lab, "router-weak");
            assertEquals(Verdict.FAIL, open.verdict(), open.reason());
            assertTrue(open.reason().contains("deleted again"));
            assertEquals(List.of(), weak.portMappings(), "the test mapping was removed");
            Finding closed = igd(r, lab, "router-hardened");
            assertEquals(Verdict.PASS, closed.verdict(), closed.reason());
        }
    }
}
