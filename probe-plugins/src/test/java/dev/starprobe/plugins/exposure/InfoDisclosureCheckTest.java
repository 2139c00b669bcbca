package dev.starprobe.plugins.exposure;

import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.lab.Lab;
import dev.starprobe.lab.devices.HardenedCamera;
import dev.starprobe.lab.devices.HardenedRouter;
import dev.starprobe.lab.devices.WeakCamera;
import dev.starprobe.lab.devices.WeakRouter;
import dev.starprobe.lab.devices.WeakWearable;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.EvidenceRef;
import dev.starprobe.model.Finding;
import dev.starprobe.model.ScanReport;
import dev.starprobe.model.Verdict;
import dev.starprobe.net.LoopbackServer;
import dev.starprobe.policy.RequirementCatalogue;
import dev.starprobe.report.JsonReport;
import dev.starprobe.report.RequirementRollup;
import dev.starprobe.report.html.HtmlReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InfoDisclosureCheckTest {
    private static final String ID = InfoDisclosureCheck.ID;
    private static Lab lab;
    private static ScanReport report;
    private static Path out;

    @BeforeAll
    static void scanWeakAndHardened() throws Exception {
        out = Files.createTempDirectory("info-disclosure");
        lab = Lab.start(List.of(new WeakCamera(), new WeakRouter(), new WeakWearable(), new HardenedCamera(), new HardenedRouter()));
        report = Probe.load(null).scan(ScanRequest.of(lab.targets(), PortSpec.of(22, 23, 80, 443, 554, 1883, 49152))
                .withUdpPorts(PortSpec.of(161)).withScope(List.of(lab.scopeCidr()), false).withOutDir(out));
    }

    @AfterAll
    static void stop() {
        if (lab != null) lab.close();
    }

    private static List<Finding> findings(String device, int port) {
        DeviceResult d = report.devices().stream().filter(x -> x.device().address().equals(lab.address(device))).findFirst().orElseThrow();
        return d.findings().stream().filter(f -> f.checkId().equals(ID) && f.service() != null && f.service().port() == port).toList();
    }

    private static Finding only(String device, int port, Verdict v) {
        List<Finding> fs = findings(device, port).stream().filter(f -> f.verdict() == v).toList();
        assertEquals(1, fs.size(), device + ":" + port + " " + findings(device, port));
        return fs.get(0);
    }

    @Test
    void configBackupOnTheWeakCameraFailsWithItsSecretsNamedButNotShown() throws IOException {
        Finding f = only(WeakCamera.NAME, 80, Verdict.FAIL);
        assertTrue(f.reason().contains("GET /config.bak") && f.reason().contains("wifi_psk") && f.reason().contains("p2p_key"), f.reason());
        assertFalse(f.reason().contains(WeakCamera.WIFI_PSK) || f.reason().contains(WeakCamera.P2P_KEY), f.reason());
        for (EvidenceRef e : f.evidence()) {
            if (e.path() == null) continue;
            String file = Files.readString(out.resolve(e.path()), StandardCharsets.ISO_8859_1);
            assertFalse(file.contains(WeakCamera.WIFI_PSK) || file.contains(WeakCamera.P2P_KEY), e.path() + " holds a secret");
            if (e.kind().equals("disclosure")) assertTrue(file.contains("wifi_psk=<redacted>"), file);
        }
    }

    @Test
    void versionsOnTheWeakCameraAreRecordedBesideTheFailNotInsteadOfIt() {
        Finding f = only(WeakCamera.NAME, 80, Verdict.INCONCLUSIVE);
        assertTrue(f.reason().contains("Boa 0.94.14rc21"), f.reason());
        assertTrue(f.reason().contains("ONVIF SerialNumber AV2C0F1E2D3C4B"), f.reason());
        assertTrue(f.reason().contains("not a FAIL"), f.reason());
    }

    @Test
    void readableCommunityTableDisclosesTheWriteCommunity() {
        Finding f = only(WeakRouter.NAME, 161, Verdict.FAIL);
        assertTrue(f.reason().contains("snmpCommunityName") && f.reason().contains("1 secret(s)"), f.reason());
        assertFalse(f.reason().contains("'" + WeakRouter.WRITE_COMMUNITY + "'"), f.reason());
        Finding versions = only(WeakRouter.NAME, 161, Verdict.INCONCLUSIVE);
        assertTrue(versions.reason().contains("firmware 1.0.8") && versions.reason().contains("Linux 2.6.36"), versions.reason());
    }

    @Test
    void retainedProvisioningMessageLeaksTheCloudTokenAndTheBrokerVersionIsRecorded() {
        Finding f = only(WeakWearable.NAME, 1883, Verdict.FAIL);
        assertTrue(f.reason().contains(WeakWearable.CONFIG_TOPIC) && f.reason().contains("cloud_api_token"), f.reason());
        assertFalse(f.reason().contains(WeakWearable.CLOUD_TOKEN), f.reason());
        Finding v = only(WeakWearable.NAME, 1883, Verdict.INCONCLUSIVE);
        assertTrue(v.reason().contains("mosquitto 1.4.15"), v.reason());
    }

    @Test
    void aVersionAloneIsNeverAFailNorAPass() {
        List<Finding> ssh = findings(HardenedRouter.NAME, 22);
        assertEquals(List.of(Verdict.INCONCLUSIVE), ssh.stream().map(Finding::verdict).toList(), ssh.toString());
        assertTrue(ssh.get(0).reason().contains("Dropbear 2022.83"), ssh.get(0).reason());
    }

    @Test
    void hardenedHttpsServesNothingSecretAndNamesNoVersion() {
        for (String device : List.of(HardenedCamera.NAME, HardenedRouter.NAME)) {
            List<Finding> fs = findings(device, 443);
            assertEquals(List.of(Verdict.PASS), fs.stream().map(Finding::verdict).toList(), device + " " + fs);
            assertTrue(fs.get(0).reason().contains("paths over HTTPS"), fs.get(0).reason());
        }
    }

    @Test
    void reportsInJsonAndHtmlCarryNoDisclosedSecret() throws IOException {
        String json = JsonReport.toJson(report);
        StringBuilder html = new StringBuilder();
        new HtmlReport(new RequirementRollup(RequirementCatalogue.builtIn())).render(report, html, "");
        for (String secret : List.of(WeakCamera.WIFI_PSK, WeakCamera.P2P_KEY, WeakWearable.CLOUD_TOKEN, "sakura-2019-home")) {
            assertFalse(json.contains(secret), "report.json holds " + secret);
            assertFalse(html.toString().contains(secret), "report.html holds " + secret);
        }
        assertTrue(json.contains("exposure.info-disclosure") && html.toString().contains("exposure.info-disclosure"));
    }

    @Test
    void garbageInsteadOfHttpIsInconclusiveNotPass(@TempDir Path dir) throws Exception {
        // answers the first request like a web server (so it is identified as one), then only garbage
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        try (var web = new LoopbackServer("127.0.5.40", (s, o) -> {
            try {
                if (s.getInputStream().read(new byte[4096]) <= 0) return;
                o.write(n.getAndIncrement() == 0 ? "HTTP/1.0 200 OK\r\nServer: x\r\n\r\n<html></html>".getBytes(StandardCharsets.US_ASCII)
                        : new byte[]{(byte) 0xff, 0, 0x13, 0x37, '\r', '\n', '\r', '\n'});
                o.flush();
            } catch (IOException ignored) {
                // client went away
            }
        })) {
            DeviceResult d = Probe.load(null).scan(ScanRequest.of(List.of("127.0.5.40"), PortSpec.of(web.port())).withOutDir(dir))
                    .devices().get(0);
            List<Finding> fs = d.findings().stream().filter(f -> f.checkId().equals(ID)).toList();
            assertFalse(fs.isEmpty(), d.executions().toString());
            assertTrue(fs.stream().noneMatch(f -> f.verdict() == Verdict.PASS), fs.toString());
            assertNotNull(fs.stream().filter(f -> f.verdict() == Verdict.INCONCLUSIVE).findFirst().orElse(null), fs.toString());
        }
    }
}
