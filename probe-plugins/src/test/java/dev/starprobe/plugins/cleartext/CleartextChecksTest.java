package dev.starprobe.plugins.cleartext;

import dev.starprobe.Probe;
import dev.starprobe.engine.PortSpec;
import dev.starprobe.engine.ScanRequest;
import dev.starprobe.model.DeviceResult;
import dev.starprobe.model.ExecutionRecord;
import dev.starprobe.model.ExecutionStatus;
import dev.starprobe.model.Finding;
import dev.starprobe.model.NetworkFailure;
import dev.starprobe.model.Verdict;
import dev.starprobe.net.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cleartext checks through the real engine and stock probes, against loopback servers that
 * behave like embedded web UIs. The lab-fixtures devices add category-level cases.
 */
class CleartextChecksTest {
    private static final Probe PROBE = Probe.load(null);

    /** An HTTP server that answers by path. */
    private static LoopbackServer web(String address, Function<String, String> byPath) throws IOException {
        return new LoopbackServer(address, (s, out) -> {
            try {
                byte[] buf = new byte[8192];
                int n = s.getInputStream().read(buf);
                if (n <= 0) return;
                String req = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                String path = req.split(" ").length > 1 ? req.split(" ")[1] : "/";
                String body = byPath.apply(path);
                out.write(body.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
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
        return PROBE.scan(ScanRequest.of(List.of(srv.address().getHostAddress()), PortSpec.of(srv.port())).withOutDir(out))
                .devices().get(0);
    }

    private static Finding finding(DeviceResult d, String check) {
        return d.findings().stream().filter(f -> f.checkId().equals(check)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding of " + check + "; executions " + d.executions()));
    }

    @Test
    void basicAuthOverHttpFails(@TempDir Path out) throws Exception {
        try (var srv = web("127.0.1.1", p -> response("401 Unauthorized", "WWW-Authenticate: Basic realm=\"cam\"\r\n", ""))) {
            Finding f = finding(scan(srv, out), "cleartext.http-credentials");
            assertEquals(Verdict.FAIL, f.verdict());
            assertTrue(f.requirements().contains("S1.1-12"));
            assertTrue(Files.readString(out.resolve(f.evidence().get(0).path())).contains("WWW-Authenticate: Basic"));
        }
    }

    @Test
    void passwordFormOnALoginPathFails(@TempDir Path out) throws Exception {
        try (var srv = web("127.0.1.2", p -> p.equals("/login.html")
                ? response("200 OK", "", "<form method=post><input type=\"password\" name=pw></form>")
                : response("200 OK", "", "<html>welcome</html>"))) {
            Finding f = finding(scan(srv, out), "cleartext.http-credentials");
            assertEquals(Verdict.FAIL, f.verdict());
            assertTrue(f.reason().contains("/login.html"), f.reason());
        }
    }

    @Test
    void redirectToHttpsWithoutAnyPromptPasses(@TempDir Path out) throws Exception {
        try (var srv = web("127.0.1.3", p -> response("301 Moved Permanently", "Location: https://127.0.1.3" + p + "\r\n", ""))) {
            assertEquals(Verdict.PASS, finding(scan(srv, out), "cleartext.http-credentials").verdict());
        }
    }

    @Test
    void redirectToHttpsButAFormLeftOnHttpStillFails(@TempDir Path out) throws Exception {
        try (var srv = web("127.0.1.4", p -> p.equals("/login")
                ? response("200 OK", "", "<input name=p type=password>")
                : response("302 Found", "Location: https://127.0.1.4/\r\n", ""))) {
            assertEquals(Verdict.FAIL, finding(scan(srv, out), "cleartext.http-credentials").verdict());
        }
    }

    @Test
    void plainPageWithoutPromptIsInconclusiveNeverPass(@TempDir Path out) throws Exception {
        try (var srv = web("127.0.1.5", p -> response("200 OK", "", "<html>status ok</html>"))) {
            assertEquals(Verdict.INCONCLUSIVE, finding(scan(srv, out), "cleartext.http-credentials").verdict());
        }
    }

    @Test
    void telnetFailsWithTheBannerAsEvidence(@TempDir Path out) throws Exception {
        try (var srv = new LoopbackServer("127.0.1.6", LoopbackServer.banner(new byte[]{(byte) 0xff, (byte) 0xfb, 0x01, 'l', 'o', 'g', 'i', 'n', ':'}))) {
            DeviceResult d = scan(srv, out);
            Finding f = finding(d, "cleartext.telnet");
            assertEquals(Verdict.FAIL, f.verdict());
            assertTrue(Files.readString(out.resolve(f.evidence().get(0).path())).contains("login:"));
            ExecutionRecord http = d.executions().stream().filter(e -> e.checkId().equals("cleartext.http-credentials"))
                    .findFirst().orElseThrow();
            assertEquals(ExecutionStatus.NOT_APPLICABLE, http.status(), "wrong service is not applicable");
        }
    }

    @Test
    void deviceThatStopsAnsweringIsAnErrorNotAVerdict(@TempDir Path out) throws Exception {
        // answers the identification probe as HTTP, then resets every later connection
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        try (var srv = new LoopbackServer("127.0.1.7", (s, o) -> {
            try {
                if (n.incrementAndGet() <= 3) { // port scan + banner probe + HTTP probe
                    byte[] buf = new byte[4096];
                    if (s.getInputStream().read(buf) > 0) {
                        o.write(response("200 OK", "", "").getBytes());
                    }
                } else {
                    s.setSoLinger(true, 0);
                }
            } catch (IOException ignored) {
                // reset
            }
        })) {
            DeviceResult d = scan(srv, out);
            ExecutionRecord r = d.executions().stream().filter(e -> e.checkId().equals("cleartext.http-credentials"))
                    .findFirst().orElseThrow();
            assertEquals(ExecutionStatus.ERROR, r.status(), r.toString());
            assertTrue(List.of(NetworkFailure.RESET, NetworkFailure.OTHER, NetworkFailure.PROTOCOL_ERROR).contains(r.failure()), r.toString());
            assertTrue(d.findings().stream().noneMatch(f -> f.verdict() == Verdict.PASS));
        }
    }
}
