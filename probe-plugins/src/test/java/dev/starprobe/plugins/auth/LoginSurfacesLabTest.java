package dev.starprobe.plugins.auth;

import dev.starprobe.lab.Lab;
import dev.starprobe.lab.auth.LockoutPolicy;
import dev.starprobe.lab.devices.HardenedBattery;
import dev.starprobe.lab.devices.HardenedCamera;
import dev.starprobe.lab.devices.HardenedRouter;
import dev.starprobe.lab.devices.HardenedWearable;
import dev.starprobe.lab.devices.WeakBattery;
import dev.starprobe.lab.devices.WeakCamera;
import dev.starprobe.lab.devices.WeakPlc;
import dev.starprobe.lab.devices.WeakRouter;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Verdict;
import dev.starprobe.spi.ScanOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.starprobe.plugins.auth.AuthScans.at;
import static dev.starprobe.plugins.auth.AuthScans.attempts;
import static dev.starprobe.plugins.auth.AuthScans.on;
import static dev.starprobe.plugins.auth.AuthScans.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The login surfaces of both credential checks against the lab: SNMP communities, FTP, SSH, ONVIF
 * WS-UsernameToken and the vendor JSON login, each with a weak unit (default proved: FAIL), a hardened unit
 * (defaults refused, lockout measured: PASS) and the attempt accounting the reports promise.
 */
@org.junit.jupiter.api.parallel.Isolated
class LoginSurfacesLabTest {
    private static final String DC = DefaultCredentialsCheck.ID;
    private static final String BF = BruteForceCheck.ID;

    @Test
    void weakRouterAndPlcCommunitiesAndTheRoutersFtpDefaultAreProved(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new WeakRouter(), new WeakPlc()))) {
            DeviceResult router = scan(lab, WeakRouter.NAME, "21", "161", List.of(DC, BF), Map.of(), Map.of(), out.resolve("r"));
            Finding snmp = on(router, DC, 161, "SNMP v1/v2c community");
            assertEquals(Verdict.FAIL, snmp.verdict(), snmp.reason());
            assertTrue(snmp.reason().contains("community/<listed default>") && snmp.reason().contains("no answer"), snmp.reason());
            Finding ftp = on(router, DC, 21, "FTP");
            assertEquals(Verdict.FAIL, ftp.verdict(), ftp.reason());
            assertTrue(ftp.reason().contains("admin/") && ftp.reason().contains("'530"), ftp.reason());
            // PAM-style FTP refuses a locked-out account with the same 530: no FAIL without a valid credential
            Finding ftpBurst = on(router, BF, 21, "FTP");
            assertEquals(Verdict.INCONCLUSIVE, ftpBurst.verdict(), ftpBurst.reason());
            assertTrue(ftpBurst.reason().contains("--credential ftp="), ftpBurst.reason());
            // every FTP login the router saw is in the reports, and no more
            assertEquals(lab.traffic(WeakRouter.NAME).loginAttempts("ftp"), AuthScans.reportedAttempts(router, 21));

            DeviceResult plc = scan(lab, WeakPlc.NAME, "", "161", List.of(DC), Map.of(), Map.of(), out.resolve("p"));
            assertEquals(Verdict.FAIL, on(plc, DC, 161, "SNMP").verdict());
        }
    }

    @Test
    void hardenedRouterRefusesDefaultsOnSshAndSnmpAndClosesSshAfterTheBurst(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new HardenedRouter(new LockoutPolicy(5, Duration.ofSeconds(3)))))) {
            DeviceResult d = scan(lab, HardenedRouter.NAME, "22", "161", List.of(DC, BF),
                    Map.of(DefaultCredentialsCheck.LOCKOUT_WAIT_SETTING, "8"), Map.of(), out);
            Finding ssh = on(d, DC, 22, "SSH password");
            assertEquals(Verdict.PASS, ssh.verdict(), ssh.reason());
            assertTrue(ssh.reason().contains("dropbear"), ssh.reason());
            // the v3-only agent answers engine discovery, so silence to the communities is a refusal
            Finding snmp = on(d, DC, 161, "SNMP");
            assertEquals(Verdict.PASS, snmp.verdict(), snmp.reason());
            Finding burst = on(d, BF, 22, "SSH password");
            assertEquals(Verdict.PASS, burst.verdict(), burst.reason());
            assertTrue(burst.reason().contains("closed the connection before its SSH identification")
                    || burst.reason().contains("dropped the connection"), burst.reason());
            assertTrue(attempts(burst) <= BruteForceCheck.DEFAULT_BURST, burst.reason());
            assertTrue(lab.traffic(HardenedRouter.NAME).loginAttempts("ssh") <= AuthScans.reportedAttempts(d, 22));
            assertEquals(Verdict.INCONCLUSIVE, on(d, BF, 161, "SNMP").verdict(), "SNMP shows no lockout without a community");
        }
    }

    @Test
    void sshBurstWithTheOwnersPasswordProvesTheLockoutAndMeasuresItsWindow(@TempDir Path out) throws Exception {
        HardenedRouter router = new HardenedRouter(new LockoutPolicy(5, Duration.ofSeconds(3)));
        try (Lab lab = Lab.start(List.of(router))) {
            var owner = new ScanOptions.Credential(router.credentials().user(), router.credentials().password());
            DeviceResult d = scan(lab, HardenedRouter.NAME, "22", null, List.of(BF), Map.of(), Map.of("ssh", owner), out);
            Finding f = on(d, BF, 22, "SSH password");
            assertEquals(Verdict.PASS, f.verdict(), f.reason());
            assertTrue(f.reason().contains("Recovery: the supplied credential logged in again"), f.reason());
            assertTrue(f.reason().contains("measured lockout window"), f.reason());
            assertTrue(!f.reason().contains(owner.secret()), "the secret stays out of the report");
            // before the burst, after it (refused or dropped) and the recovery polls: all counted
            assertTrue(lab.traffic(HardenedRouter.NAME).successfulLogins("ssh") >= 2, "proved before and after the lockout");
            assertTrue(lab.traffic(HardenedRouter.NAME).loginAttempts("ssh") <= attempts(f), f.reason());
        }
    }

    @Test
    void batteryJsonLoginDefaultIsProvedOnTheWeakUnitAndRefusedWithLockoutOnTheHardenedOne(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new WeakBattery(), new HardenedBattery(new LockoutPolicy(5, Duration.ofSeconds(3)))))) {
            DeviceResult weak = scan(lab, WeakBattery.NAME, "443,502", null, List.of(DC, BF), Map.of(), Map.of(), out.resolve("w"));
            Finding dc = on(weak, DC, 443, "JSON login API");
            assertEquals(Verdict.FAIL, dc.verdict(), dc.reason());
            assertTrue(dc.reason().contains("user/") && dc.reason().contains("session token"), dc.reason());
            assertEquals(Verdict.FAIL, on(weak, BF, 443, "JSON login API").verdict());
            assertEquals(lab.traffic(WeakBattery.NAME).loginAttempts("https"), AuthScans.reportedAttempts(weak, 443));

            DeviceResult hard = scan(lab, HardenedBattery.NAME, "443,502", null, List.of(DC, BF),
                    Map.of(DefaultCredentialsCheck.LOCKOUT_WAIT_SETTING, "8"), Map.of(), out.resolve("h"));
            Finding refused = on(hard, DC, 443, "JSON login API");
            assertEquals(Verdict.PASS, refused.verdict(), refused.reason());
            Finding burst = on(hard, BF, 443, "JSON login API");
            assertEquals(Verdict.PASS, burst.verdict(), burst.reason());
            assertTrue(burst.reason().contains("429"), burst.reason());
        }
    }

    @Test
    void onvifTokenLoginIsTestedWhereOnvifAuthenticatesAndSkippedWhereItIsOpen(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new HardenedCamera(new LockoutPolicy(5, Duration.ofSeconds(1))), new WeakCamera()))) {
            DeviceResult hard = scan(lab, HardenedCamera.NAME, "443", null, List.of(DC),
                    Map.of(DefaultCredentialsCheck.LOCKOUT_WAIT_SETTING, "6"), Map.of(), out.resolve("h"));
            Finding onvif = on(hard, DC, 443, "ONVIF WS-UsernameToken");
            assertEquals(Verdict.PASS, onvif.verdict(), onvif.reason());
            assertTrue(onvif.reason().contains("NotAuthorized"), onvif.reason());
            // the weak camera answers ONVIF without a token: no credential to guess there (unauthenticated-access's finding)
            DeviceResult weak = scan(lab, WeakCamera.NAME, "80", null, List.of(DC), Map.of(), Map.of(), out.resolve("w"));
            assertTrue(at(weak, DC, 80).stream().noneMatch(f -> f.reason().startsWith("ONVIF")), at(weak, DC, 80).toString());
        }
    }

    @Test
    void mqttLockoutIsInconclusiveWithoutAndMeasuredWithTheOwnersCredential(@TempDir Path out) throws Exception {
        HardenedWearable band = new HardenedWearable(new LockoutPolicy(5, Duration.ofSeconds(2)));
        try (Lab lab = Lab.start(List.of(band))) {
            DeviceResult blind = scan(lab, HardenedWearable.NAME, "8883", null, List.of(BF), Map.of(), Map.of(), out.resolve("a"));
            Finding b = on(blind, BF, 8883, "MQTT");
            assertEquals(Verdict.INCONCLUSIVE, b.verdict(), b.reason());
            assertTrue(b.reason().contains("cannot be seen without a valid credential"), b.reason());

            Thread.sleep(2100); // the blind burst's lockout ends
            var owner = new ScanOptions.Credential(band.mqttCredentials().user(), band.mqttCredentials().password());
            DeviceResult seen = scan(lab, HardenedWearable.NAME, "8883", null, List.of(BF), Map.of(), Map.of("mqtt", owner),
                    out.resolve("b"));
            Finding f = on(seen, BF, 8883, "MQTT");
            assertEquals(Verdict.PASS, f.verdict(), f.reason());
            assertTrue(f.reason().contains("silent lockout") && f.reason().contains("measured lockout window"), f.reason());
        }
    }
}
