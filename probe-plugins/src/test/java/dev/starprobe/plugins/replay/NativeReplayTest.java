package dev.starprobe.plugins.replay;

import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.lab.Lab;
import dev.starprobe.lab.auth.DigestAuth;
import dev.starprobe.lab.auth.LockoutPolicy;
import dev.starprobe.lab.devices.HardenedCamera;
import dev.starprobe.lab.devices.WeakCamera;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.Finding;
import dev.starprobe.model.Verdict;
import dev.starprobe.net.LoopbackServer;
import dev.starprobe.plugins.auth.DefaultCredentialsCheck;
import dev.starprobe.policy.Profile;
import dev.starprobe.spi.Safety;
import dev.starprobe.spi.ScanOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The protocol-native replay tests (no capture): the lab's cameras with a known login, and hand-written
 * servers that a careless judge would get wrong (a login that accepts anyone, a lax Digest server, garbage
 * and drips after the challenge).
 */
class NativeReplayTest {
    private static final Probe PROBE = Probe.load(null);
    private static final List<String> REPLAY = List.of(HttpReplayCheck.ID, RtspReplayCheck.ID);

    private static DeviceResult scan(InetAddress host, String ports, List<String> checks, Map<String, ScanOptions.Credential> creds,
                                     Map<String, String> settings, Path out) {
        ScanRequest req = ScanRequest.of(List.of(host.getHostAddress()), PortSpec.parse(ports))
                .withScope(List.of(host.getHostAddress() + "/32"), false).withOutDir(out)
                .withProfile(new Profile("native-replay", "the checks under test", checks, List.of()))
                .withOptions(new ScanOptions(Set.of(Safety.values()), creds, Duration.ofSeconds(2), settings))
                .withCheckTimeout(Duration.ofSeconds(90));
        return PROBE.scan(req).devices().get(0);
    }

    private static Finding at(DeviceResult d, String check, int port) {
        return ReplayChecksTest.at(d, check, port);
    }

    private static void print(String title, DeviceResult d, long t0) {
        System.out.println(title + ": " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        d.findings().stream().filter(f -> f.checkId().startsWith("replay."))
                .forEach(f -> System.out.println("  " + f.checkId() + " " + f.service() + " " + f.verdict() + ": " + f.reason()));
    }

    // ------------------------------------------------------------------ the lab's cameras

    @Test
    void weakCameraAcceptsItsBasicLoginAgainOnBothWebPortsWithTheDefaultPasswordTheScanProved(@TempDir Path out) throws Exception {
        try (Lab lab = Lab.start(List.of(new WeakCamera()))) {
            long t0 = System.nanoTime();
            DeviceResult d = scan(lab.address(WeakCamera.NAME), "80,443,554", List.of(DefaultCredentialsCheck.ID, HttpReplayCheck.ID,
                    RtspReplayCheck.ID), Map.of(), Map.of(), out);
            print("weak camera", d, t0);
            Finding http = at(d, HttpReplayCheck.ID, 80);
            assertEquals(Verdict.FAIL, http.verdict(), http.reason());
            assertTrue(http.reason().startsWith("HTTP Basic on GET http://"), http.reason());
            assertTrue(http.reason().contains("a default password accepted by"), http.reason());
            assertFalse(http.reason().contains("YWRtaW46YWRtaW4"), "no Authorization value in the reason: " + http.reason());
            assertTrue(http.evidence().stream().anyMatch(e -> e.kind().equals("transcript")), "the exchanges: " + http.evidence());
            Finding https = at(d, HttpReplayCheck.ID, 443);
            assertEquals(Verdict.FAIL, https.verdict(), https.reason());
            assertTrue(https.reason().startsWith("HTTP Basic on GET https://"), https.reason());
            Finding rtsp = at(d, RtspReplayCheck.ID, 554);
            assertEquals(Verdict.NOT_APPLICABLE, rtsp.verdict(), rtsp.reason());
            assertTrue(rtsp.reason().contains("DESCRIBE without a login: 200"), rtsp.reason());
        }
    }

    @Test
    void hardenedCameraRefusesReplayedDigestAndOnvifLoginsAndRtspDigest(@TempDir Path out) throws Exception {
        HardenedCamera cam = new HardenedCamera(new LockoutPolicy(LockoutPolicy.DEFAULT_MAX_FAILURES, Duration.ofSeconds(2)));
        try (Lab lab = Lab.start(List.of(cam))) {
            long t0 = System.nanoTime();
            DeviceResult d = scan(lab.address(HardenedCamera.NAME), "80,443,554", REPLAY,
                    Map.of("https", new ScanOptions.Credential(cam.credentials().user(), cam.credentials().password())), Map.of(), out);
            print("hardened camera", d, t0);
            Finding https = at(d, HttpReplayCheck.ID, 443);
            assertEquals(Verdict.PASS, https.verdict(), https.reason());
            assertTrue(https.reason().contains("HTTP Digest on GET https://") && https.reason().contains("ONVIF WS-UsernameToken"),
                    https.reason());
            assertTrue(https.reason().contains("next nonce count (00000002") && https.reason().contains("accepted, shown, not judged"),
                    "nc+1 is shown, allowed: " + https.reason());
            assertFalse(https.reason().contains(cam.credentials().password()), "no password in the reason");
            Finding rtsp = at(d, RtspReplayCheck.ID, 554);
            assertEquals(Verdict.PASS, rtsp.verdict(), rtsp.reason());
            assertTrue(rtsp.reason().contains("RTSP Digest on DESCRIBE rtsp://") && rtsp.reason().contains("of a related service"),
                    rtsp.reason());
            Finding redirect = at(d, HttpReplayCheck.ID, 80);
            assertEquals(Verdict.NOT_APPLICABLE, redirect.verdict(), redirect.reason());
        }
    }

    @Test
    void withoutAValidLoginNothingCanBeReplayedAndNothingIsConcluded(@TempDir Path out) throws Exception {
        HardenedCamera cam = new HardenedCamera(new LockoutPolicy(LockoutPolicy.DEFAULT_MAX_FAILURES, Duration.ofSeconds(2)));
        try (Lab lab = Lab.start(List.of(cam))) {
            DeviceResult none = scan(lab.address(HardenedCamera.NAME), "443", REPLAY, Map.of(), Map.of(), out.resolve("none"));
            Finding f = at(none, HttpReplayCheck.ID, 443);
            assertEquals(Verdict.INCONCLUSIVE, f.verdict(), f.reason());
            assertTrue(f.reason().contains("no valid credential is known"), f.reason());

            DeviceResult wrong = scan(lab.address(HardenedCamera.NAME), "443", REPLAY,
                    Map.of("https", new ScanOptions.Credential("admin", "not-the-password")), Map.of(), out.resolve("wrong"));
            Finding w = at(wrong, HttpReplayCheck.ID, 443);
            assertEquals(Verdict.INCONCLUSIVE, w.verdict(), w.reason());
            assertTrue(w.reason().contains("no known credential was accepted"), w.reason());
        }
    }

    // ------------------------------------------------------------------ hand-written servers

    /** An HTTP server whose answer to each request is {@code answer(request head)}. */
    private static LoopbackServer http(String address, Function<String, String> answer) throws IOException {
        return new LoopbackServer(address, (s, o) -> {
            try {
                String head = head(s);
                if (head.isEmpty()) return;
                o.write(answer.apply(head).getBytes(StandardCharsets.ISO_8859_1));
                o.flush();
            } catch (IOException ignored) {
                // client went away
            }
        });
    }

    private static String head(java.net.Socket s) throws IOException {
        s.setSoTimeout(2000);
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        StringBuilder head = new StringBuilder();
        for (String h; (h = in.readLine()) != null && !h.isEmpty(); ) head.append(h).append("\r\n");
        return head.toString();
    }

    /** replay.http's finding on the server's port, with the owner's login supplied. */
    private static Finding replayed(LoopbackServer srv, Path out) {
        DeviceResult d = scan(srv.address(), Integer.toString(srv.port()), REPLAY, Map.of("http", OWNER), Map.of(), out);
        return at(d, HttpReplayCheck.ID, srv.port());
    }

    private static String response(String status, String extraHeaders, String body) {
        return "HTTP/1.1 " + status + "\r\n" + extraHeaders + "Content-Type: text/html\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body;
    }

    private static String authorization(String head) {
        for (String line : head.split("\r\n")) if (line.regionMatches(true, 0, "Authorization:", 0, 14)) return line.substring(14).strip();
        return null;
    }

    private static final String PAGE = "<html><title>NVR</title><p>Signed in.</p></html>";
    private static final String DENIED = "<html><h1>401 Unauthorized</h1></html>";
    private static final ScanOptions.Credential OWNER = new ScanOptions.Credential("admin", "owner-secret-1");

    @Test
    void digestServerThatTakesANonceAndCountAgainFails(@TempDir Path out) throws Exception {
        DigestAuth lax = new DigestAuth("NVR", false); // any nonce, any count, like many cheap devices
        try (var srv = http("127.0.5.1", head -> {
            Map<String, String> p = DigestAuth.parse(authorization(head));
            if (p != null && lax.verify(p, head.substring(0, head.indexOf(' ')), OWNER.secret())) return response("200 OK", "", PAGE);
            return response("401 Unauthorized", "WWW-Authenticate: " + lax.challenge() + "\r\n", DENIED);
        })) {
            Finding f = replayed(srv, out);
            assertEquals(Verdict.FAIL, f.verdict(), f.reason());
            assertTrue(f.reason().contains("same nonce, nonce count, cnonce and response"), f.reason());
        }
    }

    @Test
    void loginThatAcceptsAnyPasswordProvesNothing(@TempDir Path out) throws Exception {
        try (var srv = http("127.0.5.2", head -> authorization(head) != null ? response("200 OK", "", PAGE)
                : response("401 Unauthorized", "WWW-Authenticate: Basic realm=\"NVR\"\r\n", DENIED))) {
            Finding f = replayed(srv, out);
            assertEquals(Verdict.INCONCLUSIVE, f.verdict(), f.reason());
            assertTrue(f.reason().contains("a wrong password gets the same answer"), f.reason());
        }
    }

    @Test
    void garbageAndDripsAfterTheChallengeAreInconclusiveInBoundedTime(@TempDir Path out) throws Exception {
        String challenge = response("401 Unauthorized", "WWW-Authenticate: Basic realm=\"NVR\"\r\n", DENIED);
        try (var garbage = http("127.0.5.3", head -> authorization(head) == null ? challenge
                : "\u0000\u00ff garbage \r\n\r\n not http at all");
             var drip = new LoopbackServer("127.0.5.4", (s, o) -> {
                 try {
                     if (authorization(head(s)) == null) {
                         o.write(challenge.getBytes(StandardCharsets.ISO_8859_1));
                         return;
                     }
                     // a status line, then one header byte every 500 ms: never a whole answer
                     o.write("HTTP/1.1 200 OK\r\nX-Drip: ".getBytes(StandardCharsets.ISO_8859_1));
                     for (int i = 0; i < 120 && !s.isClosed(); i++) {
                         o.write('a');
                         o.flush();
                         Thread.sleep(500);
                     }
                 } catch (IOException | InterruptedException ignored) {
                     // client went away
                 }
             })) {
            for (LoopbackServer srv : List.of(garbage, drip)) {
                long t0 = System.nanoTime();
                Finding f = replayed(srv, out.resolve(srv.address().getHostAddress()));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.println(srv.address() + ": " + ms + " ms, " + f.verdict() + ": " + f.reason());
                assertEquals(Verdict.INCONCLUSIVE, f.verdict(), f.reason());
                assertTrue(ms < 60_000, "bounded: " + ms + " ms");
            }
        }
    }
}
