package dev.starprobe.plugins.auth;

import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.lab.Lab;
import dev.starprobe.lab.auth.LockoutPolicy;
import dev.starprobe.lab.devices.HardenedCamera;
import dev.starprobe.lab.devices.WeakCamera;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.ExecutionRecord;
import dev.starprobe.model.ExecutionStatus;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Verdict;
import dev.starprobe.net.LoopbackServer;
import dev.starprobe.spi.Safety;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * auth.default-credentials through the real engine: the weak camera's admin/admin is found and proved on
 * every surface, the hardened camera refuses the defaults within the attempt budget, a SAFE-only scan sends
 * no login at all, and the two false-positive traps (no authentication; credentials printed on the page)
 * never give a FAIL.
 */
@org.junit.jupiter.api.parallel.Isolated
class DefaultCredentialsCheckTest {
    private static final Probe PROBE = Probe.load(null);
    private static final String ID = DefaultCredentialsCheck.ID;
    private static final Set<Safety> ALL = Set.of(Safety.values());

    private static DeviceResult scanLab(Lab lab, String device, Set<Safety> allowed, Map<String, String> settings, Path out) {
        return PROBE.scan(ScanRequest.of(List.of(lab.address(device).getHostAddress()), PortSpec.parse("22,23,80,443,554,1883,8883"))
                        .withScope(List.of(lab.scopeCidr()), false).withOutDir(out).withAllowed(allowed).withSettings(settings)
                        .withCheckTimeout(Duration.ofSeconds(60)))
                .devices().get(0);
    }

    private static Finding at(DeviceResult d, int port) {
        return d.findings().stream().filter(f -> f.checkId().equals(ID) && f.service() != null && f.service().port() == port)
                .findFirst().orElseThrow(() -> new AssertionError("no " + ID + " finding on " + port + "; " + d.findings()
                        + "; executions " + d.executions().stream().filter(e -> e.checkId().equals(ID)).toList()));
    }

    @Test
    void weakCameraDefaultIsFoundAndProvedOnWebTlsAndTelnet(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new WeakCamera()))) {
            // the credential-guessing class only: INTRUSIVE checks (replays of an authenticated read) log in too,
            // and this test accounts for the logins of the guessing checks
            DeviceResult d = scanLab(lab, WeakCamera.NAME, Set.of(Safety.SAFE, Safety.BRUTE), Map.of(), out);
            for (int port : new int[]{80, 443, 23}) {
                Finding f = at(d, port);
                assertEquals(Verdict.FAIL, f.verdict(), port + ": " + f.reason());
                assertTrue(f.reason().contains("random credentials were refused"), f.reason());
                assertTrue(f.reason().contains("Attempts made: "), f.reason());
                assertTrue(f.requirements().contains("S1.1-02"));
                assertTrue(!f.evidence().isEmpty(), "evidence attached");
            }
            // both exchanges in the evidence: the refused baseline and the accepted default (plain HTTP 80)
            String transcript = Files.readString(out.resolve(at(d, 80).evidence().get(0).path()), StandardCharsets.ISO_8859_1);
            assertTrue(transcript.contains("401"), "the refused baseline is in the evidence");
            // budget: at most baseline + budget attempts per interface, and the reports account for every login
            // the device saw (auth.brute-force runs in the same BRUTE scan and reports its own attempts)
            int reported = 0;
            for (Finding f : d.findings()) {
                if (!Set.of(ID, BruteForceCheck.ID, UserEnumerationCheck.ID).contains(f.checkId())) continue; // the checks that log in
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("Attempts made: (\\d+)").matcher(f.reason());
                assertTrue(m.find(), f.reason());
                int n = Integer.parseInt(m.group(1));
                if (f.checkId().equals(ID)) assertTrue(n <= 1 + DefaultCredentialsCheck.DEFAULT_BUDGET, f.reason());
                reported += n;
            }
            int logins = lab.traffic(WeakCamera.NAME).loginAttempts();
            assertTrue(logins <= reported, "device saw " + logins + " logins, findings report " + reported);
        }
    }

    @Test
    void safeOnlyScanSendsNoLoginAttemptAndSkipsTheCheck(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new WeakCamera()))) {
            DeviceResult d = scanLab(lab, WeakCamera.NAME, Set.of(Safety.SAFE), Map.of(), out);
            assertEquals(0, lab.traffic(WeakCamera.NAME).loginAttempts(), lab.traffic(WeakCamera.NAME).toString());
            assertTrue(d.findings().stream().noneMatch(f -> f.checkId().equals(ID)));
            assertTrue(d.executions().stream().filter(e -> e.checkId().equals(ID))
                    .allMatch(e -> e.status() == ExecutionStatus.SKIPPED), d.executions().toString());
        }
    }

    @Test
    void hardenedCameraRefusesTheDefaultsWithinTheBudget(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new HardenedCamera(new LockoutPolicy(5, Duration.ofSeconds(1)))))) {
            DeviceResult d = scanLab(lab, HardenedCamera.NAME, ALL, Map.of(DefaultCredentialsCheck.LOCKOUT_WAIT_SETTING, "4"), out);
            for (int port : new int[]{443, 554}) {
                Finding f = at(d, port);
                assertEquals(Verdict.PASS, f.verdict(), port + ": " + f.reason());
            }
        }
    }

    // ------------------------------------------------------------------ false-positive traps

    private static LoopbackServer web(String address, Function<String, String> byRequest) throws IOException {
        return new LoopbackServer(address, (s, o) -> {
            try {
                s.setSoTimeout(2000);
                byte[] buf = new byte[16384];
                int n = s.getInputStream().read(buf);
                if (n <= 0) return;
                String req = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                if (req.startsWith("POST") && !req.contains("\r\n\r\n")) return;
                if (req.startsWith("POST") && req.endsWith("\r\n\r\n")) { // body in a second segment
                    int m = s.getInputStream().read(buf);
                    if (m > 0) req += new String(buf, 0, m, StandardCharsets.ISO_8859_1);
                }
                o.write(byRequest.apply(req).getBytes(StandardCharsets.ISO_8859_1));
                o.flush();
            } catch (IOException ignored) {
                // client went away
            }
        });
    }

    private static String response(String status, String headers, String body) {
        return "HTTP/1.1 " + status + "\r\nServer: embedded\r\n" + headers + "Content-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body;
    }

    private static DeviceResult scan(LoopbackServer srv, Path out) {
        return PROBE.scan(ScanRequest.of(List.of(srv.address().getHostAddress()), PortSpec.of(srv.port()))
                .withOutDir(out).withAllowed(ALL)).devices().get(0);
    }

    private static final String FORM = "<html><body><p>Factory default login: admin / admin</p>"
            + "<form method=\"post\" action=\"/login\"><input type=\"text\" name=\"user\">"
            + "<input type=\"password\" name=\"pass\"><input type=\"submit\"></form></body></html>";

    @Test
    void loginPageThatPrintsTheDefaultButRefusesItIsNoFail(@TempDir Path out) throws Exception {
        // every POST gets the same page back (with the credential strings in it), whatever was submitted
        try (var srv = web("127.0.2.1", req -> response("200 OK", "", FORM + (req.startsWith("POST")
                ? "<p>Login failed for " + req.substring(req.lastIndexOf("\r\n") + 2) + "</p>" : "")))) {
            DeviceResult d = scan(srv, out);
            Finding f = at(d, srv.port());
            assertEquals(Verdict.PASS, f.verdict(), f.reason());
        }
    }

    @Test
    void formThatAcceptsAnythingHasNoAuthenticationAndIsNoFail(@TempDir Path out) throws Exception {
        try (var srv = web("127.0.2.2", req -> req.startsWith("POST")
                ? response("302 Found", "Location: /home\r\nSet-Cookie: sid=" + System.nanoTime() + "\r\n", "")
                : response("200 OK", "", FORM))) {
            DeviceResult d = scan(srv, out);
            Finding f = at(d, srv.port());
            assertEquals(Verdict.INCONCLUSIVE, f.verdict(), f.reason());
            assertTrue(f.reason().contains("random credentials were accepted"), f.reason());
        }
    }

    @Test
    void basicRealmThatAcceptsOnlyAdminAdminFails(@TempDir Path out) throws Exception {
        String ok = "Basic " + java.util.Base64.getEncoder().encodeToString("admin:admin".getBytes());
        try (var srv = web("127.0.2.3", req -> req.contains("Authorization: " + ok)
                ? response("200 OK", "", "<html>live view</html>")
                : response("401 Unauthorized", "WWW-Authenticate: Basic realm=\"cam\"\r\n", ""))) {
            DeviceResult d = scan(srv, out);
            assertEquals(Verdict.FAIL, at(d, srv.port()).verdict());
        }
    }

    @Test
    void pageWithoutAnyLoginIsNotApplicable(@TempDir Path out) throws Exception {
        try (var srv = web("127.0.2.4", req -> response("200 OK", "", "<html>status ok</html>"))) {
            DeviceResult d = scan(srv, out);
            ExecutionRecord r = d.executions().stream().filter(e -> e.checkId().equals(ID)).findFirst().orElseThrow();
            assertEquals(ExecutionStatus.NOT_APPLICABLE, r.status(), r.toString());
        }
    }

    @Test
    void deviceThatStopsAnsweringIsAnErrorNotAVerdict(@TempDir Path out) throws Exception {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        try (var srv = new LoopbackServer("127.0.2.5", (s, o) -> {
            try {
                if (n.incrementAndGet() <= 3) {
                    byte[] buf = new byte[4096];
                    if (s.getInputStream().read(buf) > 0) o.write(response("200 OK", "", "").getBytes());
                } else {
                    s.setSoLinger(true, 0);
                }
            } catch (IOException ignored) {
                // reset
            }
        })) {
            DeviceResult d = scan(srv, out);
            ExecutionRecord r = d.executions().stream().filter(e -> e.checkId().equals(ID)).findFirst().orElseThrow();
            assertEquals(ExecutionStatus.ERROR, r.status(), r.toString());
            assertTrue(d.findings().stream().noneMatch(f -> f.checkId().equals(ID)));
        }
    }
}
