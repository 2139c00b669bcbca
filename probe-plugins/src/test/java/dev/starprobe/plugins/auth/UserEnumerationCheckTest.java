package dev.starprobe.plugins.auth;

import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.lab.AbstractDevice;
import dev.starprobe.lab.GroundTruth;
import dev.starprobe.lab.Lab;
import dev.starprobe.lab.ServiceTruth;
import dev.starprobe.lab.auth.CredentialStore;
import dev.starprobe.lab.auth.Credentials;
import dev.starprobe.lab.auth.HashCost;
import dev.starprobe.lab.auth.LockoutPolicy;
import dev.starprobe.lab.auth.LoginGate;
import dev.starprobe.lab.devices.HardenedCamera;
import dev.starprobe.lab.devices.WeakRouter;
import dev.starprobe.lab.http.FormLogin;
import dev.starprobe.lab.http.HttpRoutes;
import dev.starprobe.lab.http.HttpService;
import dev.starprobe.lab.http.SessionStore;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.model.Category;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.Finding;
import dev.starprobe.model.StarLevel;
import dev.starprobe.model.Verdict;
import dev.starprobe.policy.Profile;
import dev.starprobe.spi.Safety;
import dev.starprobe.spi.ScanOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** auth.user-enumeration against lab logins that leak (message, timing) and ones that do not. */
@org.junit.jupiter.api.parallel.Isolated
class UserEnumerationCheckTest {
    private static final Probe PROBE = Probe.load(null);
    private static final String ID = UserEnumerationCheck.ID;
    private static final Profile ONLY_ENUMERATION = new Profile("enum", "user enumeration only", List.of(ID), List.of());

    /** A web login whose messages are identical; {@code hashCost} decides whether its timing leaks. */
    static final class FormDevice extends AbstractDevice {
        static final Credentials OWNER = new Credentials("operator", "correct-horse-42");
        private final HashCost hashCost;
        private final LockoutPolicy lockout;

        FormDevice(String name, HashCost hashCost, LockoutPolicy lockout) {
            super(name);
            this.hashCost = hashCost;
            this.lockout = lockout;
        }

        @Override
        public GroundTruth truth() {
            return new GroundTruth(Category.UNKNOWN, StarLevel.NONE, List.of(ServiceTruth.tcp(80, "http")), List.of(),
                    "a form login for the user-enumeration tests");
        }

        @Override
        protected void startServices(DeviceRuntime rt) throws Exception {
            LoginGate gate = new LoginGate(CredentialStore.of(OWNER), lockout, hashCost);
            HttpService.bind(rt, 80, "http", null, "lighttpd/1.4.59",
                    new FormLogin(gate, new SessionStore(), "Panel", "/index.html", false).addTo(new HttpRoutes()));
        }
    }

    private static DeviceResult scan(Lab lab, String device, String ports, Profile profile, Map<String, ScanOptions.Credential> creds,
                                     Map<String, String> settings, Path out) {
        ScanRequest req = ScanRequest.of(List.of(lab.address(device).getHostAddress()), PortSpec.parse(ports))
                .withScope(List.of(lab.scopeCidr()), false).withOutDir(out).withAllowed(Set.of(Safety.values()))
                .withSettings(settings);
        req = req.withOptions(new ScanOptions(req.options().allowedSafety(), creds, req.options().ioTimeout(), req.options().settings()));
        if (profile != null) req = req.withProfile(profile);
        return PROBE.scan(req).devices().get(0);
    }

    private static Finding at(DeviceResult d, int port) {
        return d.findings().stream().filter(f -> f.checkId().equals(ID) && f.service() != null && f.service().port() == port)
                .findFirst().orElseThrow(() -> new AssertionError("no " + ID + " on " + port + "; executions "
                        + d.executions().stream().filter(e -> e.checkId().equals(ID)).toList()));
    }

    @Test
    void weakRouterRevealsUsersByMessageAndTimingWithTheDefaultCredentialItFound(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new WeakRouter()))) {
            DeviceResult d = scan(lab, WeakRouter.NAME, "80", null, Map.of(), Map.of(), out);
            Finding f = at(d, 80);
            assertEquals(Verdict.FAIL, f.verdict(), f.reason());
            assertTrue(f.reason().contains("a default credential accepted by"), "known user from the default-credential fact: " + f.reason());
            assertTrue(f.reason().contains("body:") && f.reason().contains("Unknown user name"), f.reason());
            assertTrue(f.reason().contains("latency median"), "the 30 ms hash for known users shows too: " + f.reason());
            assertFalse(f.evidence().isEmpty(), "backed by the transcripts");
        }
    }

    /** Scans a {@link FormDevice} with the owner's account supplied; returns its finding and failed logins. */
    private record FormRun(Finding finding, int failedLogins) {
    }

    private static FormRun scanForm(String name, HashCost cost, Path out) throws Exception {
        FormDevice device = new FormDevice(name, cost, LockoutPolicy.none());
        try (Lab lab = Lab.start(List.of(device))) {
            DeviceResult d = scan(lab, name, "80", ONLY_ENUMERATION, Map.of("http", cred(FormDevice.OWNER)), Map.of(), out);
            var log = lab.traffic(name);
            return new FormRun(at(d, 80), log.loginAttempts("http") - log.successfulLogins("http"));
        }
    }

    @Test
    void timingAloneIsFoundWhenOnlyKnownUsersAreHashed(@TempDir Path out) throws Exception {
        Finding f = scanForm("form-leaky", HashCost.onlyKnownUsers(Duration.ofMillis(30)), out).finding();
        assertEquals(Verdict.FAIL, f.verdict(), f.reason());
        assertTrue(f.reason().contains("latency median") && !f.reason().contains("body:"), "timing, not the body: " + f.reason());
    }

    @Test
    void aDummyHashForUnknownUsersPassesWithItsStatistics(@TempDir Path out) throws Exception {
        FormRun r = scanForm("form-fixed", HashCost.always(Duration.ofMillis(30)), out);
        Finding f = r.finding();
        assertEquals(Verdict.PASS, f.verdict(), f.reason());
        assertTrue(f.reason().contains("would have been detected with power"), f.reason());
        assertEquals(24, r.failedLogins(), "12 pairs of failed logins, no more");
    }

    @Test
    void hardenedCameraWithItsOwnersAccountPassesWithoutBeingLockedOut(@TempDir Path out) throws Exception {
        HardenedCamera cam = new HardenedCamera(new LockoutPolicy(5, Duration.ofSeconds(60)));
        try (Lab lab = Lab.start(List.of(cam))) {
            DeviceResult d = scan(lab, HardenedCamera.NAME, "443", ONLY_ENUMERATION,
                    Map.of("https", cred(cam.credentials())), Map.of(), out);
            Finding f = at(d, 443);
            assertEquals(Verdict.PASS, f.verdict(), f.reason());
            assertFalse(f.reason().contains("lockout") || f.reason().contains("ended early"), f.reason());
            int failures = lab.traffic(HardenedCamera.NAME).loginAttempts() - lab.traffic(HardenedCamera.NAME).successfulLogins("https");
            assertEquals(48, failures, "12 pairs on each of the two surfaces (form, Digest)");
        }
    }

    @Test
    void aLockoutStopsTheTestAtOnce(@TempDir Path out) throws Exception {
        // the user claims a threshold of 20, the device locks after 5: the test must stop at the first 429
        HardenedCamera cam = new HardenedCamera(new LockoutPolicy(5, Duration.ofSeconds(60)));
        try (Lab lab = Lab.start(List.of(cam))) {
            long t0 = System.nanoTime();
            DeviceResult d = scan(lab, HardenedCamera.NAME, "443", ONLY_ENUMERATION, Map.of("https", cred(cam.credentials())),
                    Map.of(EnumerationSettings.LOCKOUT_THRESHOLD, "20"), out);
            Finding f = at(d, 443);
            assertEquals(Verdict.INCONCLUSIVE, f.verdict(), f.reason());
            assertTrue(f.reason().contains("lockout"), f.reason());
            int failures = lab.traffic(HardenedCamera.NAME).loginAttempts() - lab.traffic(HardenedCamera.NAME).successfulLogins("https");
            assertTrue(failures <= 6, "stopped at the lockout (5 failures, then the answer that showed it): " + failures);
            assertTrue(System.nanoTime() - t0 < 30_000_000_000L, "no waiting without auth.lockout-wait");
        }
    }

    @Test
    void withoutAKnownUserItIsInconclusiveAndSendsNoLogin(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new HardenedCamera()))) {
            DeviceResult d = scan(lab, HardenedCamera.NAME, "443", ONLY_ENUMERATION, Map.of(), Map.of(), out);
            Finding f = at(d, 443);
            assertEquals(Verdict.INCONCLUSIVE, f.verdict(), f.reason());
            assertTrue(f.reason().contains("no known valid user"), f.reason());
            assertEquals(0, lab.traffic(HardenedCamera.NAME).loginAttempts());
        }
    }

    /** The logins auth.user-enumeration reports for a device (its findings say "Attempts made: N"). */
    static int attemptsMade(DeviceResult d) {
        int n = 0;
        for (Finding f : d.findings()) {
            if (!f.checkId().equals(ID)) continue;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Attempts made: (\\d+)").matcher(f.reason());
            if (m.find()) n += Integer.parseInt(m.group(1));
        }
        return n;
    }

    private static ScanOptions.Credential cred(Credentials c) {
        return new ScanOptions.Credential(c.user(), c.password());
    }
}
