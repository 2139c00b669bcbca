package dev.starprobe.plugins.auth;

import dev.starprobe.lab.AbstractDevice;
import dev.starprobe.lab.GroundTruth;
import dev.starprobe.lab.Lab;
import dev.starprobe.lab.auth.CredentialStore;
import dev.starprobe.lab.auth.Credentials;
import dev.starprobe.lab.auth.LockoutPolicy;
import dev.starprobe.lab.auth.LoginGate;
import dev.starprobe.lab.http.HttpRoutes;
import dev.starprobe.lab.http.HttpService;
import dev.starprobe.lab.http.Responses;
import dev.starprobe.lab.http.SessionStore;
import dev.starprobe.lab.http.WebAuth;
import dev.starprobe.lab.net.DeviceRuntime;
import dev.starprobe.lab.proto.TelnetService;
import dev.starprobe.lab.proto.TelnetShell;
import dev.starprobe.model.Category;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.Finding;
import dev.starprobe.model.StarLevel;
import dev.starprobe.model.Verdict;
import dev.starprobe.spi.ScanOptions;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The device-level rule: a web UI that locks out protects nothing when Telnet takes the same account without
 * any limit. The owner's credential logs in on both, which is what proves the account is shared.
 */
@org.junit.jupiter.api.parallel.Isolated
class BruteForceDeviceCheckTest {
    /** One account; the web server counts failures and locks out, the Telnet daemon does not. */
    static final class SplitLockoutDevice extends AbstractDevice {
        static final String NAME = "split-lockout";
        final Credentials owner = Credentials.random("admin");

        SplitLockoutDevice() {
            super(NAME);
        }

        @Override
        public GroundTruth truth() {
            return new GroundTruth(Category.NETWORK_EQUIPMENT, StarLevel.STAR_1, List.of(), List.of(), "test device");
        }

        @Override
        protected void startServices(DeviceRuntime rt) throws Exception {
            CredentialStore accounts = CredentialStore.of(owner);
            WebAuth web = new WebAuth(new LoginGate(accounts, new LockoutPolicy(5, Duration.ofSeconds(2))), WebAuth.Scheme.BASIC,
                    "split", false, new SessionStore());
            HttpService.bind(rt, 80, "http", null, "httpd", new HttpRoutes().get("/", ex -> {
                var refused = web.check(ex);
                return refused != null ? refused : Responses.html(HttpResponseStatus.OK, "<html>admin</html>");
            }));
            TelnetService.bind(rt, 23, new TelnetShell("split", "split", "# ", new LoginGate(accounts, LockoutPolicy.none()),
                    Set.of(), Map.of()));
        }
    }

    @Test
    void oneUnthrottledInterfaceWithTheSameAccountFailsTheDevice(@TempDir Path out) throws Exception {
        SplitLockoutDevice device = new SplitLockoutDevice();
        try (Lab lab = Lab.start(List.of(device))) {
            var owner = new ScanOptions.Credential(device.owner.user(), device.owner.password());
            DeviceResult d = AuthScans.scan(lab, SplitLockoutDevice.NAME, "23,80", null,
                    List.of(BruteForceCheck.ID, BruteForceDeviceCheck.ID), Map.of(), Map.of("default", owner), out);
            assertEquals(Verdict.PASS, AuthScans.on(d, BruteForceCheck.ID, 80, "HTTP Basic").verdict());
            Finding telnet = AuthScans.on(d, BruteForceCheck.ID, 23, "Telnet");
            assertEquals(Verdict.FAIL, telnet.verdict(), telnet.reason());
            Finding device1 = d.findings().stream().filter(f -> f.checkId().equals(BruteForceDeviceCheck.ID)).findFirst()
                    .orElseThrow(() -> new AssertionError(d.executions().toString()));
            assertEquals(Verdict.FAIL, device1.verdict(), device1.reason());
            assertTrue(device1.reason().contains("Telnet login on port 23 is unthrottled although HTTP Basic")
                    && device1.reason().contains("same account"), device1.reason());
            assertTrue(!device1.reason().contains(owner.secret()));
        }
    }
}
