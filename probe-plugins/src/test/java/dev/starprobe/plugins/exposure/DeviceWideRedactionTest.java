package dev.starprobe.plugins.exposure;

import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.evidence.EvidenceStore;
import dev.starprobe.evidence.EvidenceVerifier;
import dev.starprobe.lab.Lab;
import dev.starprobe.lab.devices.WeakWearable;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.EvidenceRef;
import dev.starprobe.model.Finding;
import dev.starprobe.model.ScanReport;
import dev.starprobe.model.Verdict;
import dev.starprobe.net.NetSettings;
import dev.starprobe.plugins.auth.UnauthenticatedAccessCheck;
import dev.starprobe.policy.RequirementCatalogue;
import dev.starprobe.report.JsonReport;
import dev.starprobe.report.RequirementRollup;
import dev.starprobe.report.html.HtmlReport;
import dev.starprobe.spi.Safety;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The secrets exposure.info-disclosure finds on a device are redacted from every evidence file of that device,
 * those other checks wrote before they were found included, and from the reports; the manifest still verifies.
 */
class DeviceWideRedactionTest {
    private static final List<String> SECRETS = List.of(WeakWearable.WIFI_PASSWORD, WeakWearable.CLOUD_TOKEN);

    /** The secret's bytes as they would show in a hex dump: every 6-byte window (a 16-byte dump line holds one). */
    private static List<String> hexWindows(String secret) {
        byte[] b = secret.getBytes(StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 6 <= b.length; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = i; j < i + 6; j++) sb.append(j > i ? " " : "").append(HexFormat.of().toHexDigits(b[j]));
            out.add(sb.toString());
        }
        return out;
    }

    @Test
    void theWholeWearableScanHoldsItsWifiPasswordAndTokenNowhereButInCaptures(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new WeakWearable()))) {
            ScanReport report = Probe.load(null).scan(ScanRequest.of(lab.targets(), PortSpec.parse("all"))
                    .withUdpPorts(PortSpec.parse("iot-udp")).withScope(List.of(lab.scopeCidr()), false).withOutDir(out)
                    // loopback takes the whole port range unpaced; every impact class, as a full test runs
                    .withNet(NetSettings.defaults().withPerDevice(32, 0)).withAllowed(Set.of(Safety.values())));
            DeviceResult d = report.devices().get(0);

            // the secrets were served, found, and reached another check's transcript
            assertTrue(d.findings().stream().anyMatch(f -> f.checkId().equals(InfoDisclosureCheck.ID) && f.verdict() == Verdict.FAIL),
                    d.findings().toString());
            Finding anonymous = d.findings().stream().filter(f -> f.checkId().equals(UnauthenticatedAccessCheck.ID)
                    && f.service() != null && f.service().port() == 1883).findFirst().orElseThrow();
            assertTrue(anonymous.reason().contains(WeakWearable.CONFIG_TOPIC), "its SUBSCRIBE '#' got the provisioning message: "
                    + anonymous.reason());
            EvidenceRef transcript = anonymous.evidence().stream().filter(e -> e.kind().equals("transcript")).findFirst().orElseThrow();
            String redacted = Files.readString(out.resolve(transcript.path()), StandardCharsets.ISO_8859_1);
            assertTrue(redacted.contains("<redacted>") || redacted.contains("\"<re"), redacted);

            int files = 0;
            try (Stream<Path> all = Files.walk(out)) {
                for (Path p : all.filter(Files::isRegularFile).toList()) {
                    String name = p.getFileName().toString();
                    if (name.endsWith(".pcap") || name.endsWith(".pcapng")) continue; // raw bytes, by design
                    files++;
                    String text = Files.readString(p, StandardCharsets.ISO_8859_1);
                    for (String secret : SECRETS) {
                        assertTrue(!text.contains(secret), out.relativize(p) + " holds " + secret);
                        for (String hex : hexWindows(secret)) assertTrue(!text.contains(hex), out.relativize(p) + " holds " + secret + " in hex");
                    }
                }
            }
            assertTrue(files > 5, "the scan wrote its evidence (" + files + " files)");

            String json = JsonReport.toJson(report);
            StringBuilder html = new StringBuilder();
            new HtmlReport(new RequirementRollup(RequirementCatalogue.builtIn())).render(report, html, "");
            for (String secret : SECRETS) {
                assertTrue(!json.contains(secret) && !html.toString().contains(secret), "a report holds " + secret);
            }

            assertEquals(List.of(), new EvidenceVerifier().verify(report, out), "every reference's hash is the file's");
            Map<String, String> listed = new HashMap<>();
            for (String line : Files.readAllLines(out.resolve(EvidenceStore.MANIFEST))) listed.put(line.substring(66), line.substring(0, 64));
            try (Stream<Path> all = Files.walk(out.resolve("evidence"))) {
                for (Path p : all.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("MANIFEST.sha256")).toList()) {
                    String rel = out.resolve("evidence").relativize(p).toString().replace('\\', '/');
                    assertEquals(EvidenceStore.sha256(p), listed.get(rel), rel + " is listed with its hash");
                }
            }
        }
    }
}
