package dev.starprobe.report.diff;

import dev.starprobe.model.Device;
import dev.starprobe.model.InventoryEntry;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.Finding;
import dev.starprobe.model.ScanReport;
import dev.starprobe.model.Service;
import dev.starprobe.model.Transport;
import dev.starprobe.model.Verdict;
import dev.starprobe.report.ReportFixtures;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.starprobe.report.ReportFixtures.finding;
import static dev.starprobe.report.ReportFixtures.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportDiffTest {
    private static DiffResult diff(ScanReport before, ScanReport after) {
        return new ReportDiff().diff("baseline.json", before, "current.json", after);
    }

    private static DiffResult.DeviceDiff device(DiffResult r, String id) {
        return r.devices().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    private static DeviceResult replace(DeviceResult d, List<Finding> fs) {
        return d.withFindings(fs);
    }

    @Test
    void identicalReportsHaveNoRegression() {
        DiffResult r = diff(ReportFixtures.hostileFarm(), ReportFixtures.hostileFarm());
        assertFalse(r.regressed());
        assertTrue(r.devices().stream().allMatch(DiffResult.DeviceDiff::unchanged));
    }

    @Test
    void aNewFailRegressesAndAFixedFailIsReportedAsFixed() {
        DeviceResult cam = ReportFixtures.hostileCamera();
        DeviceResult plug = ReportFixtures.cleanPlug();
        List<Finding> camNow = new ArrayList<>();
        for (Finding f : cam.findings()) {
            camNow.add(f.checkId().equals("cleartext.telnet")
                    ? new Finding(f.checkId(), f.title(), f.requirements(), Verdict.PASS, f.severity(), "telnet gone", f.service(), f.evidence())
                    : f);
        }
        Service https = plug.services().get(0);
        List<Finding> plugNow = List.of(finding("cleartext.http-credentials", https, Verdict.FAIL, "TLS 1.0 accepted", "S1.1-12"));
        DiffResult r = diff(ReportFixtures.farm(cam, plug), ReportFixtures.farm(replace(cam, camNow), replace(plug, plugNow)));
        assertTrue(r.regressed());
        DiffResult.DeviceDiff p = device(r, "198.18.0.13");
        assertEquals(1, p.newFails().size());
        assertEquals("PASS", p.newFails().get(0).before());
        assertEquals("443/tcp", p.newFails().get(0).service());
        DiffResult.DeviceDiff c = device(r, "02:00:c6:12:00:0c");
        assertEquals(List.of("cleartext.telnet"), c.fixed().stream().map(DiffResult.FindingChange::checkId).toList());
        assertEquals(1, r.summary().newFails());
        assertEquals(1, r.summary().fixed());
    }

    @Test
    void aFailThatBecomesInconclusiveIsNotFixedAndNotARegression() {
        DeviceResult cam = ReportFixtures.hostileCamera();
        List<Finding> now = cam.findings().stream().map(f -> f.verdict() == Verdict.FAIL
                ? new Finding(f.checkId(), f.title(), f.requirements(), Verdict.INCONCLUSIVE, f.severity(), "timed out", f.service(), f.evidence())
                : f).toList();
        DiffResult r = diff(ReportFixtures.farm(cam), ReportFixtures.farm(replace(cam, now)));
        assertFalse(r.regressed());
        assertEquals(2, device(r, cam.device().id()).noLongerDecided().size());
        assertEquals(0, r.summary().fixed());
    }

    @Test
    void devicesMatchByIdentityEvenWhenTheirAddressChanged() {
        DeviceResult cam = ReportFixtures.hostileCamera();
        Device moved = new Device(cam.device().id(), ip("198.18.0.22"), cam.device().mac(), cam.device().names(), Map.of());
        DeviceResult camMoved = new DeviceResult(moved, cam.services(), cam.classification(), cam.executions(), cam.findings(), cam.inventory());
        DiffResult r = diff(ReportFixtures.farm(cam), ReportFixtures.farm(camMoved));
        assertEquals(1, r.devices().size());
        assertEquals(DiffResult.Presence.BOTH, r.devices().get(0).presence());
        assertFalse(r.regressed());
    }

    @Test
    void aMissingDeviceAndANewlyOpenedServiceAreRegressions() {
        DeviceResult plug = ReportFixtures.cleanPlug();
        List<Service> more = new ArrayList<>(plug.services());
        more.add(new Service(Transport.TCP, 23, "telnet", false, null, null, "login:", Map.of()));
        DeviceResult plugNow = new DeviceResult(plug.device(), more, plug.classification(), plug.executions(), plug.findings());
        DiffResult r = diff(ReportFixtures.farm(plug, ReportFixtures.silent()), ReportFixtures.farm(plugNow));
        assertTrue(r.regressed());
        assertEquals(List.of("23/tcp"), device(r, "198.18.0.13").opened().stream().map(DiffResult.ServiceChange::service).toList());
        assertEquals(DiffResult.Presence.MISSING, device(r, "198.18.0.14").presence());
        assertEquals(1, r.summary().devicesMissing());
    }

    @Test
    void certificateAndServiceChangesAndFirmwareAreReported() {
        DeviceResult cam = ReportFixtures.hostileCamera();
        List<Service> services = new ArrayList<>();
        for (Service s : cam.services()) {
            if (s.port() == 443) {
                Map<String, String> a = new HashMap<>(s.attributes());
                a.put("tls.sha256", "22".repeat(32));
                a.remove("tls.notAfter");
                a.put("tls.keySize", "2048");
                services.add(new Service(s.transport(), s.port(), s.protocol(), s.tls(), s.product(), s.version(), s.banner(), a));
            } else if (s.port() == 80) {
                services.add(new Service(s.transport(), s.port(), s.protocol(), s.tls(), "nginx", "1.22", "other banner", s.attributes()));
            } else {
                services.add(s);
            }
        }
        InventoryEntry upgraded = new InventoryEntry("farm.yaml", "cam-01", "1.3.0", List.of(), List.of(), List.of());
        DeviceResult now = new DeviceResult(cam.device(), services, cam.classification(), cam.executions(), cam.findings(), upgraded);
        DiffResult r = diff(ReportFixtures.farm(cam), ReportFixtures.farm(now));
        DiffResult.DeviceDiff d = r.devices().get(0);
        assertEquals("1.2.0", d.firmwareBefore());
        assertEquals("1.3.0", d.firmwareAfter());
        assertEquals(List.of("tls.keySize", "tls.notAfter", "tls.sha256"),
                d.certificates().stream().map(DiffResult.CertificateChange::attribute).toList());
        assertNull(d.certificates().get(0).before());
        assertEquals(1, d.changed().size(), "product change on 80; banner changes are ignored");
        assertEquals("http lighttpd 1.4", d.changed().get(0).before());
        assertFalse(r.regressed(), "changes are not regressions by themselves");

        StringWriter sw = new StringWriter();
        DiffText.print(r, new PrintWriter(sw));
        assertTrue(sw.toString().contains("firmware 1.2.0 -> 1.3.0"), sw.toString());
        assertTrue(sw.toString().contains("CERT       443/tcp tls.sha256"), sw.toString());
        assertTrue(sw.toString().contains("result: no regression"), sw.toString());
    }

    @Test
    void deviceTextInTheTerminalOutputCannotCarryEscapeSequences() {
        DeviceResult plug = ReportFixtures.cleanPlug();
        Finding evil = finding("x", null, Verdict.FAIL, "pwn \u001b]0;owned\u0007 \u001b[2J", "S1.1-12");
        DiffResult r = diff(ReportFixtures.farm(plug), ReportFixtures.farm(plug.withFindings(List.of(evil))));
        StringWriter sw = new StringWriter();
        DiffText.print(r, new PrintWriter(sw));
        assertFalse(sw.toString().contains("\u001b"));
        assertTrue(sw.toString().contains("pwn \\x1b]0;owned\\x07 \\x1b[2J"), sw.toString());
    }
}
