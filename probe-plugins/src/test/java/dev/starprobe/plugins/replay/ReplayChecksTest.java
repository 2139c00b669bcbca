package dev.starprobe.plugins.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.lab.Lab;
import dev.starprobe.lab.devices.HardenedSmartLock;
import dev.starprobe.lab.devices.WeakSmartLock;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Verdict;
import dev.starprobe.policy.Profile;
import dev.starprobe.spi.Safety;
import dev.starprobe.spi.ScanOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The replay checks against the lab's smart locks, fed a real loopback capture of the companion app's
 * legitimate commands (recorded here, before the scan): the replayable lock FAILs on HTTP, MQTT and CoAP,
 * the nonce-protected one is INCONCLUSIVE from its encrypted capture alone and PASSes once a template
 * gives the plaintext of what the app sent.
 */
class ReplayChecksTest {
    private static final Probe PROBE = Probe.load(null);
    private static final Profile REPLAY_ONLY = new Profile("replay", "replay checks only", List.of("replay.*"), List.of());

    static Path recordWeak(Lab lab, WeakSmartLock lock, Path dir) throws Exception {
        InetAddress a = lab.address(WeakSmartLock.NAME);
        Path pcap = dir.resolve("weak-lock-app.pcap");
        try (LoopbackCapture ignored = LoopbackCapture.start(a.getHostAddress(), pcap)) {
            assertEquals(200, LockApp.http(a, 80, false, lock.sampleCommand("unlock")).status());
            assertTrue(LockApp.mqtt(a, 1883, false, WeakSmartLock.SERIAL, null, null, lock.sampleCommand("unlock")).answer().contains("ok"));
            assertTrue(LockApp.coap(a, 5683, null, null, lock.sampleCommand("unlock")).answer().startsWith("2.04"));
        }
        return pcap;
    }

    private static DeviceResult scan(Lab lab, String device, Map<String, String> settings, Map<String, ScanOptions.Credential> creds, Path out) {
        ScanRequest req = ScanRequest.of(List.of(lab.address(device).getHostAddress()), PortSpec.parse("80"))
                .withScope(List.of(lab.scopeCidr()), false).withOutDir(out).withProfile(REPLAY_ONLY);
        return PROBE.scan(req.withOptions(new ScanOptions(Set.of(Safety.SAFE, Safety.INTRUSIVE), creds, Duration.ofSeconds(3), settings)))
                .devices().get(0);
    }

    static Finding at(DeviceResult d, String check, int port) {
        return d.findings().stream().filter(f -> f.checkId().equals(check) && f.service() != null && f.service().port() == port)
                .findFirst().orElseThrow(() -> new AssertionError("no " + check + " on " + port + "; executions "
                        + d.executions().stream().filter(e -> e.checkId().equals(check)).toList() + " findings " + d.findings()));
    }

    @Test
    void replayableLockFailsOnEveryInterfaceFromARecordedCapture(@TempDir Path dir) throws Exception {
        WeakSmartLock lock = new WeakSmartLock();
        try (Lab lab = Lab.start(List.of(lock))) {
            Path pcap = recordWeak(lab, lock, dir);
            long before = lock.lock().operations();
            long t0 = System.nanoTime();
            DeviceResult d = scan(lab, WeakSmartLock.NAME, Map.of(ReplayInputs.CAPTURE_SETTING, pcap.toString(),
                    ReplayCheck.DELAY_SETTING, "1"), Map.of(), dir.resolve("out"));
            System.out.println("weak lock, three replay checks: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            Finding http = at(d, HttpReplayCheck.ID, 80);
            d.findings().forEach(f -> System.out.println(f.checkId() + " " + f.verdict() + ": " + f.reason()));
            assertEquals(Verdict.FAIL, http.verdict(), http.reason());
            assertTrue(http.reason().contains("POST /api/lock") && http.reason().contains("frames"), http.reason());
            Finding mqtt = at(d, MqttReplayCheck.ID, 1883);
            assertEquals(Verdict.FAIL, mqtt.verdict(), mqtt.reason());
            assertTrue(mqtt.reason().contains("PUBLISH lock/" + WeakSmartLock.SERIAL + "/cmd"), mqtt.reason());
            Finding coap = at(d, CoapReplayCheck.ID, 5683);
            assertEquals(Verdict.FAIL, coap.verdict(), coap.reason());
            assertTrue(coap.reason().contains("POST /lock"), coap.reason());
            assertEquals(before + 3, lock.lock().operations(), "each interface executed exactly one replayed command");
            for (Finding f : List.of(http, mqtt, coap)) {
                assertTrue(f.evidence().stream().anyMatch(e -> e.kind().equals("pcap") && e.range() != null
                        && e.range().contains("user's capture")), "original frames as evidence: " + f.evidence());
                assertTrue(f.evidence().stream().anyMatch(e -> e.kind().equals("transcript")), "replayed exchange: " + f.evidence());
            }
        }
    }

    @Test
    void nonceProtectedLockIsInconclusiveWhenEncryptedAndPassesWithThePlaintextTemplate(@TempDir Path dir) throws Exception {
        HardenedSmartLock lock = new HardenedSmartLock();
        try (Lab lab = Lab.start(List.of(lock))) {
            InetAddress a = lab.address(HardenedSmartLock.NAME);
            Path pcap = dir.resolve("hardened-lock-app.pcap");
            LockApp.Sent http;
            LockApp.Sent mqtt;
            LockApp.Sent coap;
            try (LoopbackCapture ignored = LoopbackCapture.start(a.getHostAddress(), pcap)) {
                http = LockApp.http(a, 443, true, lock.sampleCommand("unlock"));
                mqtt = LockApp.mqtt(a, 8883, true, HardenedSmartLock.SERIAL, lock.mqttCredentials().user(),
                        lock.mqttCredentials().password(), lock.sampleCommand("unlock"));
                coap = LockApp.coap(a, 5684, lock.pskIdentity(), lock.pskSecret(), lock.sampleCommand("unlock"));
            }
            assertEquals(200, http.status());
            assertTrue(mqtt.answer().contains("ok") && coap.answer().startsWith("2.04"), mqtt + " " + coap);
            long executed = lock.lock().operations();

            DeviceResult encrypted = scan(lab, HardenedSmartLock.NAME, Map.of(ReplayInputs.CAPTURE_SETTING, pcap.toString()), Map.of(),
                    dir.resolve("out1"));
            for (int port : List.of(443)) {
                Finding f = at(encrypted, HttpReplayCheck.ID, port);
                assertEquals(Verdict.INCONCLUSIVE, f.verdict(), f.reason());
                assertTrue(f.reason().contains("encrypted end to end"), f.reason());
            }
            assertEquals(Verdict.INCONCLUSIVE, at(encrypted, MqttReplayCheck.ID, 8883).verdict());
            assertEquals(Verdict.INCONCLUSIVE, at(encrypted, CoapReplayCheck.ID, 5684).verdict());

            Path template = dir.resolve("hardened-lock.yaml");
            writeTemplate(template, http, mqtt, coap, a);
            Map<String, ScanOptions.Credential> creds = Map.of(
                    "lock-mqtt", new ScanOptions.Credential(lock.mqttCredentials().user(), lock.mqttCredentials().password()),
                    "lock-psk", new ScanOptions.Credential(lock.pskIdentity(), "hex:" + java.util.HexFormat.of().formatHex(lock.pskSecret())));
            DeviceResult d = scan(lab, HardenedSmartLock.NAME, Map.of(ReplayInputs.CAPTURE_SETTING, pcap.toString(),
                    ReplayInputs.TEMPLATE_SETTING, template.toString(), ReplayCheck.DELAY_SETTING, "1"), creds, dir.resolve("out2"));
            d.findings().forEach(f -> System.out.println(f.checkId() + " " + f.verdict() + ": " + f.reason()));
            for (Finding f : List.of(at(d, HttpReplayCheck.ID, 443), at(d, MqttReplayCheck.ID, 8883), at(d, CoapReplayCheck.ID, 5684))) {
                assertEquals(Verdict.PASS, f.verdict(), f.checkId() + ": " + f.reason());
                assertTrue(f.reason().contains("fresh timestamp") && f.reason().contains("fresh nonce"), f.reason());
            }
            assertEquals(executed, lock.lock().operations(), "no replayed command was executed");
        }
    }

    static void writeTemplate(Path file, LockApp.Sent http, LockApp.Sent mqtt, LockApp.Sent coap, InetAddress target) throws Exception {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("name", "app unlock over HTTPS");
        h.put("protocol", "https");
        h.put("secure", true);
        h.put("target", target.getHostAddress());
        h.put("port", 443);
        h.put("method", "POST");
        h.put("path", "/api/lock");
        h.put("headers", Map.of("Content-Type", "application/json"));
        h.put("body", http.body());
        h.put("original", Map.of("status", http.status(), "body", http.answer()));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "app unlock over MQTT/TLS");
        m.put("protocol", "mqtt");
        m.put("secure", true);
        m.put("target", target.getHostAddress());
        m.put("port", 8883);
        m.put("topic", "lock/" + HardenedSmartLock.SERIAL + "/cmd");
        m.put("payload", mqtt.body());
        m.put("subscribe", List.of("lock/" + HardenedSmartLock.SERIAL + "/result"));
        m.put("credential", "lock-mqtt");
        m.put("original", Map.of("messages", List.of(Map.of("topic", "lock/" + HardenedSmartLock.SERIAL + "/result", "payload", mqtt.answer()))));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", "app unlock over CoAP/DTLS");
        c.put("protocol", "coap");
        c.put("secure", true);
        c.put("target", target.getHostAddress());
        c.put("port", 5684);
        c.put("method", "POST");
        c.put("path", "/lock");
        c.put("payload", coap.body());
        c.put("credential", "lock-psk");
        c.put("original", Map.of("code", coap.answer().substring(0, 4), "payload", coap.answer().substring(5)));
        new ObjectMapper(new YAMLFactory()).writeValue(file.toFile(), Map.of("requests", List.of(h, m, c)));
    }
}
