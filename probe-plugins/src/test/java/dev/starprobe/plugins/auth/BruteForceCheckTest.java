package dev.starprobe.plugins.auth;

import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.lab.Lab;
import dev.starprobe.lab.TrafficLog;
import dev.starprobe.lab.auth.LockoutPolicy;
import dev.starprobe.lab.devices.HardenedCamera;
import dev.starprobe.lab.devices.WeakCamera;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.ExecutionStatus;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Verdict;
import dev.starprobe.spi.Safety;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** auth.brute-force through the engine against the weak (no lockout) and hardened (5 failures) cameras. */
@org.junit.jupiter.api.parallel.Isolated
class BruteForceCheckTest {
    private static final Probe PROBE = Probe.load(null);
    private static final String ID = BruteForceCheck.ID;

    private static DeviceResult scan(Lab lab, String device, String ports, Set<Safety> allowed, Path out) {
        return PROBE.scan(ScanRequest.of(List.of(lab.address(device).getHostAddress()), PortSpec.parse(ports))
                .withScope(List.of(lab.scopeCidr()), false).withOutDir(out).withAllowed(allowed)).devices().get(0);
    }

    private static Finding at(DeviceResult d, int port) {
        return d.findings().stream().filter(f -> f.checkId().equals(ID) && f.service() != null && f.service().port() == port)
                .findFirst().orElseThrow(() -> new AssertionError("no finding on " + port + "; executions "
                        + d.executions().stream().filter(e -> e.checkId().equals(ID)).toList()));
    }

    @Test
    void weakCameraAnswersEveryWrongPasswordAlikeAndFails(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new WeakCamera()))) {
            DeviceResult d = scan(lab, WeakCamera.NAME, "80", Set.of(Safety.SAFE, Safety.BRUTE), out);
            Finding f = at(d, 80);
            assertEquals(Verdict.FAIL, f.verdict(), f.reason());
            assertTrue(f.reason().contains("Attempts made: " + BruteForceCheck.DEFAULT_BURST), f.reason());
            // besides this check, default-credentials (its own budget) and user-enumeration (which reports its attempts) log in
            TrafficLog t = lab.traffic(WeakCamera.NAME);
            assertTrue(t.loginAttempts() <= BruteForceCheck.DEFAULT_BURST + 1 + DefaultCredentialsCheck.DEFAULT_BUDGET + 1
                    + UserEnumerationCheckTest.attemptsMade(d), t.toString());
        }
    }

    @Test
    void hardenedCameraLocksOutAndPassesWithinTheBurst(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new HardenedCamera(new LockoutPolicy(5, Duration.ofSeconds(30)))))) {
            Finding f = at(scan(lab, HardenedCamera.NAME, "443", Set.of(Safety.SAFE, Safety.BRUTE), out), 443);
            assertEquals(Verdict.PASS, f.verdict(), f.reason());
            assertTrue(f.reason().contains("429"), f.reason());
        }
    }

    @Test
    void safeOnlyScanSkipsTheBurst(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new WeakCamera()))) {
            DeviceResult d = scan(lab, WeakCamera.NAME, "80", Set.of(Safety.SAFE), out);
            assertEquals(0, lab.traffic(WeakCamera.NAME).loginAttempts());
            assertTrue(d.executions().stream().filter(e -> e.checkId().equals(ID))
                    .allMatch(e -> e.status() == ExecutionStatus.SKIPPED));
        }
    }
}
