package dev.starprobe.plugins.auth;

import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.lab.Lab;
import dev.starprobe.lab.devices.HardenedCamera;
import dev.starprobe.lab.devices.WeakCamera;
import dev.starprobe.lab.devices.WeakWearable;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.ExecutionStatus;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Verdict;
import dev.starprobe.spi.Safety;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** auth.unauthenticated-access in a default (SAFE-only) scan: findings without a single login attempt. */
class UnauthenticatedAccessCheckTest {
    private static final Probe PROBE = Probe.load(null);
    private static final String ID = UnauthenticatedAccessCheck.ID;

    private static DeviceResult scan(Lab lab, String device, String ports, Set<Safety> allowed, Path out) {
        return PROBE.scan(ScanRequest.of(List.of(lab.address(device).getHostAddress()), PortSpec.parse(ports))
                .withScope(List.of(lab.scopeCidr()), false).withOutDir(out).withAllowed(allowed)).devices().get(0);
    }

    private static Finding at(DeviceResult d, String check, int port) {
        return d.findings().stream().filter(f -> f.checkId().equals(check) && f.service() != null && f.service().port() == port)
                .findFirst().orElseThrow(() -> new AssertionError("no " + check + " on " + port + "; executions "
                        + d.executions().stream().filter(e -> e.checkId().equals(check)).toList()));
    }

    @Test
    void weakCameraStreamAndOnvifAreOpenAndNoLoginIsSent(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new WeakCamera()))) {
            DeviceResult d = scan(lab, WeakCamera.NAME, "80,554", Set.of(Safety.SAFE), out);
            assertEquals(Verdict.FAIL, at(d, ID, 554).verdict());
            Finding onvif = at(d, ID, 80);
            assertEquals(Verdict.FAIL, onvif.verdict());
            assertTrue(onvif.reason().contains("ONVIF"), onvif.reason());
            assertEquals(0, lab.traffic(WeakCamera.NAME).loginAttempts(), "SAFE: no credential sent");
        }
    }

    @Test
    void hardenedCameraDemandsAuthenticationEverywhere(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new HardenedCamera()))) {
            DeviceResult d = scan(lab, HardenedCamera.NAME, "80,443,554", Set.of(Safety.SAFE), out);
            assertEquals(Verdict.PASS, at(d, ID, 554).verdict());
            assertEquals(Verdict.PASS, at(d, ID, 443).verdict());
            assertTrue(d.executions().stream().filter(e -> e.checkId().equals(ID) && e.service().port() == 80)
                    .allMatch(e -> e.status() == ExecutionStatus.NOT_APPLICABLE), "80 only redirects");
        }
    }

    @Test
    void anonymousMqttFailsHereButIsNeverADefaultCredential(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new WeakWearable()))) {
            DeviceResult d = scan(lab, WeakWearable.NAME, "1883", Set.of(Safety.values()), out);
            Finding open = at(d, ID, 1883);
            assertEquals(Verdict.FAIL, open.verdict());
            assertTrue(open.reason().contains("SUBSCRIBE '#' delivered"), open.reason());
            Finding dc = at(d, DefaultCredentialsCheck.ID, 1883);
            assertEquals(Verdict.INCONCLUSIVE, dc.verdict(), "a broker without authentication has no default credential: "
                    + dc.reason());
        }
    }
}
