package dev.starprobe.report;

import dev.starprobe.model.Category;
import dev.starprobe.model.Classification;
import dev.starprobe.model.Device;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.EvidenceRef;
import dev.starprobe.model.ExecutionRecord;
import dev.starprobe.model.ExecutionStatus;
import dev.starprobe.model.Finding;
import dev.starprobe.model.NetworkFailure;
import dev.starprobe.model.ScanParameters;
import dev.starprobe.model.ScanReport;
import dev.starprobe.model.ScopeRefusal;
import dev.starprobe.model.Service;
import dev.starprobe.model.Severity;
import dev.starprobe.model.StarLevel;
import dev.starprobe.model.Transport;
import dev.starprobe.model.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonReportTest {
    static ScanReport sample() throws Exception {
        Service telnet = new Service(Transport.TCP, 23, "telnet", false, null, null, "\\xff\\xfd", Map.of("fingerprint", "telnet-negotiation"));
        Device d = new Device(null, InetAddress.getByName("198.18.0.12"), "02:00:c6:12:00:0c", List.of("cam"), Map.of("oui.vendor", "x"));
        Finding f = new Finding("cleartext.telnet", "No Telnet", List.of("S1.1-12", "EN-5.5-1"), Verdict.FAIL, Severity.HIGH,
                "Telnet on 23", telnet.ref(), List.of(new EvidenceRef("transcript", "evidence/x/0001.txt",
                "a".repeat(64), null, "banner"), EvidenceRef.missing("pcap", "not captured: no CAP_NET_RAW")));
        DeviceResult dr = new DeviceResult(d, List.of(telnet),
                new Classification(Category.CAMERA, 0.8, List.of("RTSP"), StarLevel.STAR_2, List.of("privacy"), false),
                List.of(new ExecutionRecord("cleartext.telnet", telnet.ref(), ExecutionStatus.COMPLETED, null, null, 12, 1),
                        new ExecutionRecord("tls.protocols", null, ExecutionStatus.ERROR, NetworkFailure.RESET, "reset", 3, 0)),
                List.of(f));
        return new ScanReport(ScanReport.SCHEMA_VERSION, Map.of("name", "StarProbe", "version", "t"), Instant.EPOCH,
                Instant.EPOCH.plusSeconds(3), new ScanParameters(List.of("198.18.0.12"), List.of("198.18.0.12/32"), "iot",
                "star1", List.of("SAFE"), 4, 50, 256, 3000, 5000), List.of(dr),
                List.of(new ScopeRefusal(Instant.EPOCH, "8.8.8.8", "check:x", "outside")), Map.of("total", 3000L), List.of());
    }

    @Test
    void reportIsValidAgainstTheCommittedSchema() throws Exception {
        String json = JsonReport.toJson(sample());
        assertEquals(List.of(), ReportSchema.violations(json));
        assertTrue(json.contains("\"address\" : \"198.18.0.12\""), "addresses are literals, never host names");
    }

    @Test
    void schemaRejectsAVerdictOutsideTheEnum() throws Exception {
        String json = JsonReport.toJson(sample()).replace("\"verdict\" : \"FAIL\"", "\"verdict\" : \"MAYBE\"");
        assertFalse(ReportSchema.violations(json).isEmpty());
    }

    @Test
    void roundTripsThroughAFile(@TempDir Path dir) throws Exception {
        ScanReport r = sample();
        Path file = JsonReport.write(r, dir);
        ScanReport back = JsonReport.read(file);
        assertEquals(r.devices().get(0).findings(), back.devices().get(0).findings());
        assertEquals(r.devices().get(0).device().address(), back.devices().get(0).device().address());
    }

    @Test
    void unreadableReportNamesTheFile(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("baseline.json");
        java.nio.file.Files.writeString(bad, "{ not json");
        var e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> JsonReport.read(bad));
        assertTrue(e.getMessage().contains("baseline.json"));
    }
}
