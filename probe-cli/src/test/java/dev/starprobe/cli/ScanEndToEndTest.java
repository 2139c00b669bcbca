package dev.starprobe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.starprobe.evidence.EvidenceStore;
import dev.starprobe.net.LoopbackServer;
import dev.starprobe.report.ReportSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scans loopback listeners through the CLI entry point and checks what a user and a CI job get. */
class ScanEndToEndTest {
    record Run(int exit, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(rc, out.toString(), err.toString());
    }

    private static LoopbackServer http(String address, String response) throws IOException {
        return new LoopbackServer(address, (s, o) -> {
            try {
                byte[] buf = new byte[4096];
                s.getInputStream().read(buf);
                o.write(response.getBytes(StandardCharsets.US_ASCII));
                o.flush();
            } catch (IOException ignored) {
                // client went away
            }
        });
    }

    @Test
    void scanWritesAValidReportWithEvidenceAndExitsOneOnFail(@TempDir Path out) throws Exception {
        String addr = "127.0.0.41";
        try (LoopbackServer telnet = new LoopbackServer(addr, LoopbackServer.banner(new byte[]{(byte) 0xff, (byte) 0xfd, 0x18, 'l', 'o', 'g', 'i', 'n', ':', ' '}));
             LoopbackServer web = http(addr, "HTTP/1.1 401 Unauthorized\r\nServer: test\r\nWWW-Authenticate: Basic realm=\"x\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")) {
            Run r = cli("scan", addr, "-p", telnet.port() + "," + web.port(), "-o", out.toString(), "--no-progress");

            assertEquals(Main.FAILED, r.exit(), r.err());
            String json = Files.readString(out.resolve("report.json"));
            assertEquals(List.of(), ReportSchema.violations(json));
            JsonNode device = new ObjectMapper().readTree(json).path("devices").get(0);
            assertEquals(addr, device.path("device").path("address").asText());
            assertEquals(2, device.path("services").size());
            assertEquals(List.of("http", "telnet"), device.path("services").findValuesAsText("protocol").stream().sorted().toList());
            List<String> failed = device.path("findings").findValuesAsText("checkId");
            assertTrue(failed.contains("cleartext.telnet"), failed.toString());
            assertTrue(failed.contains("cleartext.http-credentials"), failed.toString());
            for (JsonNode f : device.path("findings")) {
                JsonNode ev = f.path("evidence").get(0);
                byte[] content = Files.readAllBytes(out.resolve(ev.path("path").asText()));
                assertEquals(ev.path("sha256").asText(), EvidenceStore.sha256(content), "evidence hash for " + f.path("checkId"));
            }
            assertTrue(r.out().contains("FAIL cleartext.telnet"), r.out());
            assertTrue(r.out().contains("not an IPA verdict"));
        }
    }

    @Test
    void cleanDeviceExitsZero(@TempDir Path out) throws Exception {
        try (LoopbackServer web = http("127.0.0.42", "HTTP/1.1 301 Moved\r\nLocation: https://127.0.0.42/\r\nContent-Length: 0\r\n\r\n")) {
            Run r = cli("scan", "127.0.0.42", "-p", String.valueOf(web.port()), "-o", out.toString(), "--no-progress");
            assertEquals(Main.OK, r.exit(), r.out() + r.err());
            assertTrue(Files.readString(out.resolve("report.json")).contains("\"verdict\" : \"PASS\""));
        }
    }

    /**
     * A nightly job's bound: a full port scan at the polite default rate would take about 22 minutes; with
     * a 2 s limit it stops starting work, and the report (valid, with the reason) is still written.
     */
    @Test
    void aScanTimeLimitEndsTheScanWithAReportThatSaysWhy(@TempDir Path out) throws Exception {
        try (LoopbackServer web = http("127.0.0.44", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")) {
            long t0 = System.nanoTime();
            Run r = cli("scan", "127.0.0.44", "-p", "all", "--max-scan-time", "2", "-o", out.toString(), "--no-progress",
                    "--no-capture");
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            assertTrue(seconds < 60, "the scan ended " + seconds + " s after a 2 s limit");
            assertTrue(r.exit() == Main.OK || r.exit() == Main.FAILED, r.err());
            String json = Files.readString(out.resolve("report.json"));
            assertEquals(List.of(), ReportSchema.violations(json));
            JsonNode report = new ObjectMapper().readTree(json);
            assertTrue(report.path("warnings").toString().contains("scan time limit of 2 s reached"), report.path("warnings").toString());
        }
        Run bad = cli("scan", "127.0.0.44", "--max-scan-time", "0", "-o", out.resolve("bad").toString());
        assertEquals(Main.USAGE, bad.exit(), bad.err());
    }

    @Test
    void badInputGivesOneLineAndExitTwo(@TempDir Path out) {
        for (String[] args : List.of(
                new String[]{"scan", "10.0.0.0/33"},
                new String[]{"scan", "no-such-host.invalid"},
                new String[]{"scan", "127.0.0.1", "--scope", "198.18.0.0/24"},
                new String[]{"scan", "8.8.8.8"},
                new String[]{"scan", "127.0.0.1", "-p", "70000"},
                new String[]{"scan", "127.0.0.1", "--allow", "everything"},
                new String[]{"scan", "127.0.0.1", "--profile", "/no/such/profile.yaml"},
                new String[]{"scan", "127.0.0.1", "--credential", "dtls.psk=no-secret-given"},
                new String[]{"scan"})) {
            Run r = cli(append(args, "-o", out.toString()));
            assertEquals(Main.USAGE, r.exit(), String.join(" ", args) + " -> " + r.err());
            assertTrue(r.err().startsWith("starprobe: ") || r.err().contains("Usage:") || r.err().contains("Missing"),
                    String.join(" ", args) + " -> " + r.err());
        }
        assertTrue(Files.notExists(out.resolve("report.json")), "nothing was scanned");
    }

    @Test
    void checksListsInstalledChecksWithRequirements() {
        Run r = cli("checks");
        assertEquals(Main.OK, r.exit());
        assertTrue(r.out().contains("cleartext.telnet"));
        assertTrue(r.out().contains("S1.1-12"));
        assertTrue(r.out().contains("SAFE"));
    }

    @Test
    void versionPrintsTheBuildVersion() {
        Run r = cli("version");
        assertEquals(Main.OK, r.exit());
        assertTrue(r.out().matches("(?s)StarProbe \\d+\\.\\d+\\.\\d+.*"), r.out());
    }

    private static String[] append(String[] a, String... more) {
        String[] out = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, out, a.length, more.length);
        return out;
    }
}
