package dev.starprobe.plugins.product;

import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.lab.Lab;
import dev.starprobe.lab.devices.HardenedWearable;
import dev.starprobe.lab.devices.WeakCamera;
import dev.starprobe.lab.devices.WeakRouter;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.Finding;
import dev.starprobe.model.ScanReport;
import dev.starprobe.model.Verdict;
import dev.starprobe.net.LoopbackServer;
import dev.starprobe.policy.RequirementCatalogue;
import dev.starprobe.report.RequirementRollup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelDesignationCheckTest {
    private static Finding finding(DeviceResult d) {
        List<Finding> f = d.findings().stream().filter(x -> x.checkId().equals(ModelDesignationCheck.ID)).toList();
        assertEquals(1, f.size(), f.toString());
        return f.get(0);
    }

    private static DeviceResult device(ScanReport r, Lab lab, String name) {
        return r.devices().stream().filter(x -> x.device().address().equals(lab.address(name))).findFirst().orElseThrow();
    }

    @Test
    void modelNamesFromIdentificationAreSupportingEvidenceNeverAPass(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new WeakCamera(), new WeakRouter(), new HardenedWearable()))) {
            ScanReport r = Probe.load(null).scan(ScanRequest.of(lab.targets(), PortSpec.of(80, 443, 49152))
                    .withUdpPorts(PortSpec.of(161, 5353)).withScope(List.of(lab.scopeCidr()), false).withOutDir(out));

            Finding camera = finding(device(r, lab, WeakCamera.NAME));
            assertEquals(Verdict.INCONCLUSIVE, camera.verdict());
            assertTrue(camera.reason().contains("'AV-IPC200' (ONVIF GetDeviceInformation Model, 80/tcp http"), camera.reason());
            assertTrue(camera.reason().contains("confirm the label"), camera.reason());

            Finding router = finding(device(r, lab, WeakRouter.NAME));
            assertTrue(router.reason().contains("'NH-R300' (UPnP description modelName") && router.reason().contains("SNMP sysDescr"),
                    router.reason());
            assertTrue(router.reason().contains("machine identifiers (not for people): 1.3.6.1.4.1.8072.3.2.10"), router.reason());

            Finding watch = finding(device(r, lab, HardenedWearable.NAME));
            assertTrue(watch.reason().contains("'HB5' (mDNS TXT record"), watch.reason());

            var row = new RequirementRollup(RequirementCatalogue.builtIn()).of(device(r, lab, WeakCamera.NAME)).star1().stream()
                    .filter(x -> x.requirement().id().equals("S1.1-10")).findFirst().orElseThrow();
            assertEquals(Verdict.INCONCLUSIVE, row.verdict(), "S1.1-10 is a label/GUI item: the network supports, never decides it");
        }
    }

    @Test
    void aDeviceThatNamesNothingIsStillInconclusiveNotAFail(@TempDir Path out) throws IOException {
        try (var silent = new LoopbackServer("127.0.5.42", (s, o) -> {
            try {
                s.getInputStream().read(new byte[256]);
            } catch (IOException ignored) {
                // client went away
            }
        })) {
            DeviceResult d = Probe.load(null).scan(ScanRequest.of(List.of("127.0.5.42"), PortSpec.of(silent.port())).withOutDir(out))
                    .devices().get(0);
            Finding f = finding(d);
            assertEquals(Verdict.INCONCLUSIVE, f.verdict());
            assertTrue(f.reason().startsWith("no model designation is visible over the network"), f.reason());
        }
    }
}
