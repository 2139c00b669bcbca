package dev.starprobe.plugins.tls;

import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.lab.Lab;
import dev.starprobe.lab.devices.HardenedCamera;
import dev.starprobe.lab.devices.HardenedSmartLock;
import dev.starprobe.lab.devices.HardenedSmartPlug;
import dev.starprobe.lab.devices.WeakBattery;
import dev.starprobe.lab.devices.WeakCamera;
import dev.starprobe.lab.hostile.GarbageTls;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.ExecutionStatus;
import dev.starprobe.model.ScanReport;
import dev.starprobe.model.Verdict;
import dev.starprobe.spi.Safety;
import dev.starprobe.spi.ScanOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.starprobe.plugins.tls.TlsScans.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The TLS and DTLS checks against the lab-fixtures simulated devices, property by property
 * (the ground-truth conformance test checks only one verdict per check and port).
 */
class LabTlsTest {
    private static Lab lab;
    private static ScanReport report;
    private static ScanReport withPsk;

    @BeforeAll
    static void scan() throws Exception {
        lab = Lab.start(List.of(new WeakCamera(), new WeakBattery(), new HardenedCamera(), new HardenedSmartPlug(),
                new HardenedSmartLock(), new GarbageTls()));
        PortSpec ports = PortSpec.parse("23,80,443,554,1883,8883");
        ScanRequest req = ScanRequest.of(lab.targets(), ports).withScope(List.of(lab.scopeCidr()), false)
                .withOutDir(Files.createTempDirectory("lab-tls"));
        report = PROBE.scan(req);
        HardenedSmartPlug plug = (HardenedSmartPlug) lab.device(HardenedSmartPlug.NAME);
        ScanOptions o = new ScanOptions(Set.of(Safety.SAFE), Map.of("dtls.psk", new ScanOptions.Credential(plug.pskIdentity(),
                "hex:" + HexFormat.of().formatHex(plug.pskSecret()))), Duration.ofSeconds(5), Map.of());
        withPsk = PROBE.scan(ScanRequest.of(List.of(lab.address(HardenedSmartPlug.NAME).getHostAddress()), PortSpec.parse("443"))
                .withScope(List.of(lab.scopeCidr()), false).withOptions(o).withOutDir(Files.createTempDirectory("lab-psk")));
    }

    @AfterAll
    static void stop() {
        if (lab != null) lab.close();
    }

    private static DeviceResult device(ScanReport r, String name) {
        String a = lab.address(name).getHostAddress();
        return dump(r.devices().stream().filter(d -> d.device().address().getHostAddress().equals(a)).findFirst().orElseThrow());
    }

    @Test
    void weakCameraFailsEachWeakPropertyByItsRule() {
        DeviceResult d = device(report, WeakCamera.NAME);
        assertEquals(Verdict.FAIL, rule(d, "tls.protocols", "protocol.tls10").verdict());
        assertEquals(Verdict.FAIL, rule(d, "tls.protocols", "protocol.tls11").verdict());
        assertEquals(Verdict.FAIL, rule(d, "tls.cipher-suites", "suite.no-forward-secrecy").verdict());
        assertEquals(Verdict.FAIL, rule(d, "tls.cipher-suites", "suite.3des").verdict());
        assertEquals(Verdict.FAIL, rule(d, "tls.certificate", "cert.rsa-small").verdict());
        assertEquals(Verdict.FAIL, rule(d, "tls.certificate", "cert.weak-signature-hash").verdict());
        assertEquals(Verdict.PASS, rule(d, "tls.certificate", "cert.self-signed").verdict(), "tolerated");
        assertEquals(Verdict.FAIL, rule(d, "cleartext.alternative", "cleartext.http-beside-https").verdict(), "80 serves beside 443");
    }

    @Test
    void hardenedCameraPassesEveryTlsCheck() {
        DeviceResult d = device(report, HardenedCamera.NAME);
        for (String c : List.of("tls.protocols", "tls.cipher-suites", "tls.certificate", "tls.features", "cleartext.alternative")) {
            assertEquals(Verdict.PASS, verdict(d, c), c + ": " + findings(d, c));
        }
    }

    @Test
    void hardenedLockPassesTlsOnBothPortsAndDtls() {
        DeviceResult d = device(report, HardenedSmartLock.NAME);
        assertEquals(Verdict.PASS, verdict(d, "tls.protocols"));
        assertTrue(findings(d, "tls.protocols").stream().anyMatch(f -> f.service().port() == 8883));
        assertEquals(Verdict.PASS, verdict(d, "dtls.protocols"), findings(d, "dtls.protocols").toString());
    }

    @Test
    void hardenedPlugDtlsIsConfirmedByCertificateAndWithTheUnitsPsk() {
        DeviceResult d = device(report, HardenedSmartPlug.NAME);
        assertEquals(Verdict.PASS, verdict(d, "dtls.protocols"));
        assertEquals(5684, findings(d, "dtls.protocols").get(0).service().port());
        assertEquals(Verdict.PASS, verdict(d, "dtls.cipher-suites"), findings(d, "dtls.cipher-suites").toString());
        DeviceResult p = dump(withPsk.devices().get(0));
        assertTrue(findings(p, "dtls.cipher-suites").stream().anyMatch(f -> f.reason().contains("the supplied PSK completed")),
                findings(p, "dtls.cipher-suites").toString());
    }

    @Test
    void labUnitsThatShareAKeyAreCaught() {
        // lab-fixtures generates one key pair per key kind and JVM: the weak camera and the weak battery share RSA-1024
        DeviceResult camera = device(report, WeakCamera.NAME);
        var f = rule(camera, "tls.key-reuse", "cert.shared-key");
        assertTrue(f.reason().contains(lab.address(WeakBattery.NAME).getHostAddress()), f.reason());
    }

    @Test
    void garbageOnTlsPortNeverPasses() {
        DeviceResult d = device(report, GarbageTls.NAME);
        assertTrue(d.findings().stream().filter(f -> f.checkId().startsWith("tls.")).noneMatch(f -> f.verdict() == Verdict.PASS),
                d.findings().toString());
        assertEquals(ExecutionStatus.NOT_APPLICABLE, execution(d, "tls.protocols").status(), "not identified as TLS");
    }
}
