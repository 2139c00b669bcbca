package dev.starprobe.report;

import dev.starprobe.model.Category;
import dev.starprobe.model.Classification;
import dev.starprobe.model.Device;
import dev.starprobe.model.InventoryEntry;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.EvidenceRef;
import dev.starprobe.model.ExecutionRecord;
import dev.starprobe.model.ExecutionStatus;
import dev.starprobe.model.Finding;
import dev.starprobe.model.NetworkFailure;
import dev.starprobe.model.ScanParameters;
import dev.starprobe.model.ScanReport;
import dev.starprobe.model.Service;
import dev.starprobe.model.Severity;
import dev.starprobe.model.StarLevel;
import dev.starprobe.model.Transport;
import dev.starprobe.model.Verdict;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reports for renderer tests: a small farm whose devices answered with hostile text (markup, control
 * characters, links to outside hosts) everywhere a device can put text. Shared through the test-jar.
 */
public final class ReportFixtures {
    public static final String SCRIPT = "<script>alert(1)</script>";
    public static final String IMG = "\"><img src=http://evil.example/x.png>";
    public static final Instant T0 = Instant.parse("2025-11-20T01:00:00Z");

    private ReportFixtures() {
    }

    public static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    public static Finding finding(String check, Service s, Verdict v, String reason, String... reqs) {
        return new Finding(check, "title of " + check, List.of(reqs), v, v == Verdict.FAIL ? Severity.HIGH : Severity.INFO,
                reason, s == null ? null : s.ref(), List.of(new EvidenceRef("transcript", "evidence/x/0001-" + check + ".txt",
                "ab".repeat(32), null, "transcript")));
    }

    public static ExecutionRecord ran(String check, Service s, int findings) {
        return new ExecutionRecord(check, s == null ? null : s.ref(), ExecutionStatus.COMPLETED, null, null, 12, findings,
                T0.plusSeconds(1));
    }

    /** A camera that fails S1.1-12 over Telnet, with hostile banners and attributes. */
    public static DeviceResult hostileCamera() {
        Service telnet = new Service(Transport.TCP, 23, "telnet", false, "busybox " + SCRIPT, null,
                "login: \u0000\u001b[31m" + SCRIPT, Map.of());
        Service http = new Service(Transport.TCP, 80, "http", false, "lighttpd", "1.4", "HTTP/1.1 200 OK",
                Map.of("http.server", IMG, "http.title", "<iframe src=https://evil.example/>"));
        Service https = new Service(Transport.TCP, 443, "http", true, null, null, null,
                Map.of("tls.subject", "CN=cam " + SCRIPT, "tls.sha256", "11".repeat(32), "tls.notAfter", "2030-01-01"));
        Finding telnetFail = finding("cleartext.telnet", telnet, Verdict.FAIL, "Telnet answers with " + SCRIPT, "S1.1-12", "EN-5.5-1");
        Finding hostileEvidence = new Finding("cleartext.http-credentials", "t", List.of("EN-5.5-7"), Verdict.PASS, Severity.INFO,
                "no credentials over http", http.ref(), List.of(new EvidenceRef("transcript", "javascript:alert(1)", null, null, IMG)));
        Finding auth = finding("auth.unauthenticated", http, Verdict.PASS, "login required", "S1.1-01");
        Finding brute = finding("auth.lockout", http, Verdict.INCONCLUSIVE, "no credentials supplied", "S1.1-04");
        Finding defaults = finding("auth.defaults", http, Verdict.ERROR, "device stopped answering", "S1.1-02");
        // a device-level check whose finding names the service it is about
        Finding debug = finding("ports.debug", telnet, Verdict.FAIL, "debug port open", "EN-5.6-4");
        List<ExecutionRecord> runs = List.of(ran("cleartext.telnet", telnet, 1), ran("cleartext.http-credentials", http, 1),
                ran("auth.unauthenticated", http, 1), ran("auth.lockout", http, 1), ran("auth.defaults", http, 1),
                ran("ports.debug", null, 1),
                new ExecutionRecord("tls.protocols", https.ref(), ExecutionStatus.TIMED_OUT, null, "exceeded its budget of 20000 ms", 20000, 0, T0),
                new ExecutionRecord("tls.certificate", https.ref(), ExecutionStatus.ERROR, NetworkFailure.RESET, "reset by " + SCRIPT, 3, 0, T0),
                new ExecutionRecord("auth.brute", http.ref(), ExecutionStatus.SKIPPED, null, "BRUTE check: not allowed", 0, 0));
        Device d = new Device("02:00:c6:12:00:0c", ip("198.18.0.12"), "02:00:c6:12:00:0c", List.of("cam" + SCRIPT),
                Map.of("upnp.modelName", IMG));
        Classification c = new Classification(Category.CAMERA, 0.8, List.of("RTSP on 554", "banner " + SCRIPT), StarLevel.STAR_2,
                List.of("privacy data (video)"), false);
        InventoryEntry dec = new InventoryEntry("farm.yaml", "cam-01 <b>bold</b>", "1.2.0", List.of("tcp/443", "tcp/554"),
                List.of("admin"), List.of());
        return new DeviceResult(d, List.of(telnet, http, https), c, runs,
                List.of(auth, defaults, brute, telnetFail, hostileEvidence, debug), dec);
    }

    /** A plug that passes what was tested. */
    public static DeviceResult cleanPlug() {
        Service https = new Service(Transport.TCP, 443, "http", true, "nginx", null, null, Map.of("tls.subject", "CN=plug"));
        return new DeviceResult(Device.at(ip("198.18.0.13")), List.of(https),
                new Classification(Category.SMART_HOME, 0.6, List.of("Tasmota"), StarLevel.STAR_1, List.of(), false),
                List.of(ran("cleartext.http-credentials", https, 1)),
                List.of(finding("cleartext.http-credentials", https, Verdict.PASS, "TLS only", "S1.1-12")));
    }

    /** A device with nothing open. */
    public static DeviceResult silent() {
        return new DeviceResult(Device.at(ip("198.18.0.14")), List.of(), Classification.unknown("nothing to classify"),
                List.of(), List.of());
    }

    public static ScanReport farm(DeviceResult... devices) {
        return new ScanReport(ScanReport.SCHEMA_VERSION, Map.of("name", "StarProbe", "version", "test"), T0, T0.plusSeconds(30),
                new ScanParameters(List.of("198.18.0.12", "198.18.0.13"), List.of("198.18.0.0/24"), "iot", "star1",
                        List.of("SAFE"), 4, 50, 256, 3000, 5000),
                List.of(devices), List.of(), Map.of("total", 30_000L), List.of("warning " + SCRIPT));
    }

    public static ScanReport hostileFarm() {
        return farm(hostileCamera(), cleanPlug(), silent());
    }
}
