package dev.starprobe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.starprobe.evidence.CaptureFactory;
import dev.starprobe.evidence.CaptureSettings;
import dev.starprobe.evidence.CaptureUnavailableException;
import dev.starprobe.evidence.EvidenceCapture;
import dev.starprobe.evidence.EvidenceStore;
import dev.starprobe.evidence.EvidenceVerifier;
import dev.starprobe.evidence.pcap.PcapCaptureFactory;
import dev.starprobe.net.LoopbackServer;
import dev.starprobe.report.JsonReport;
import dev.starprobe.report.ReportSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.TcpPacket;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Scans loopback devices through the CLI and checks the evidence a lab would hand to a third party. */
class EvidenceEndToEndTest {

    static LoopbackServer telnet(String addr, String banner) throws IOException {
        byte[] iac = {(byte) 0xff, (byte) 0xfd, 0x18};
        byte[] text = banner.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[iac.length + text.length];
        System.arraycopy(iac, 0, all, 0, iac.length);
        System.arraycopy(text, 0, all, iac.length, text.length);
        return new LoopbackServer(addr, LoopbackServer.banner(all));
    }

    static LoopbackServer http(String addr, String response) throws IOException {
        return new LoopbackServer(addr, (s, o) -> {
            try {
                s.getInputStream().read(new byte[4096]);
                o.write(response.getBytes(StandardCharsets.US_ASCII));
                o.flush();
            } catch (IOException ignored) {
                // client went away
            }
        });
    }

    static final String BASIC_401 = "HTTP/1.1 401 Unauthorized\r\nServer: test\r\nWWW-Authenticate: Basic realm=\"x\"\r\n"
            + "Content-Length: 0\r\nConnection: close\r\n\r\n";

    static void assumeCapture(String addr) throws Exception {
        try {
            new PcapCaptureFactory().preflight(List.of(InetAddress.getByName(addr)));
        } catch (CaptureUnavailableException e) {
            assumeTrue(false, "packet capture unavailable here (" + e.getMessage() + ")");
        }
    }

    @Test
    void everyFindingPointsAtEvidenceThatExistsAndMatchesTheManifest(@TempDir Path out) throws Exception {
        String addr = "127.0.0.51";
        assumeCapture(addr);
        try (LoopbackServer t = telnet(addr, "login: "); LoopbackServer w = http(addr, BASIC_401)) {
            CliRun r = CliRun.of("scan", addr, "-p", t.port() + "," + w.port(), "-o", out.toString(), "--no-progress");
            assertEquals(Main.FAILED, r.exit(), r.err());

            String json = Files.readString(out.resolve("report.json"));
            assertEquals(List.of(), ReportSchema.violations(json));
            JsonNode device = new ObjectMapper().readTree(json).path("devices").get(0);
            assertTrue(device.path("findings").size() >= 2);
            Map<String, String> manifest = Files.readAllLines(out.resolve(EvidenceStore.MANIFEST)).stream()
                    .collect(Collectors.toMap(l -> "evidence/" + l.substring(66), l -> l.substring(0, 64)));
            for (JsonNode f : device.path("findings")) {
                Set<String> kinds = new HashSet<>();
                for (JsonNode e : f.path("evidence")) {
                    kinds.add(e.path("kind").asText());
                    if (!e.hasNonNull("path")) continue; // a reference that says why nothing is stored (checked below)
                    String path = e.path("path").asText();
                    Path file = out.resolve(path);
                    assertTrue(Files.isRegularFile(file), path);
                    String sha = EvidenceStore.sha256(file);
                    assertEquals(e.path("sha256").asText(), sha, "hash of " + path);
                    assertEquals(sha, manifest.get(path), "manifest entry of " + path);
                }
                assertTrue(kinds.contains("pcap") && kinds.size() >= 2, "a capture and the check's own evidence: " + f);
                JsonNode pcap = f.path("evidence").findParents("kind").stream().filter(e -> e.path("kind").asText().equals("pcap"))
                        .findFirst().orElseThrow();
                // checks that judge from other checks' results send nothing: they say so, and store what they read
                if (pcap.path("path").isMissingNode() || pcap.path("path").isNull()) {
                    assertTrue(pcap.path("note").asText().startsWith("no traffic of its own"), pcap.toString());
                    continue;
                }
                assertEquals("evidence/127.0.0.51/capture.pcap", pcap.path("path").asText());
                assertTrue(pcap.path("range").asText().startsWith("frames "), pcap.toString());
            }
            assertTrue(device.path("executions").findValuesAsText("startedAt").size() > 0, "check timing is recorded");
            assertEquals(List.of(), new EvidenceVerifier().verify(JsonReport.read(out.resolve("report.json")), out));

            // the device's packets to both listeners are in its capture
            Set<Integer> ports = new HashSet<>();
            PcapHandle h = Pcaps.openOffline(out.resolve("evidence/127.0.0.51/capture.pcap").toString());
            try {
                while (true) {
                    Packet p;
                    try {
                        p = h.getNextPacketEx();
                    } catch (EOFException eof) {
                        break;
                    } catch (TimeoutException te) {
                        continue;
                    }
                    IpV4Packet ip = p.get(IpV4Packet.class);
                    TcpPacket tcp = p.get(TcpPacket.class);
                    if (ip != null && tcp != null && ip.getHeader().getDstAddr().getHostAddress().equals(addr)) {
                        ports.add(tcp.getHeader().getDstPort().valueAsInt());
                    }
                }
            } finally {
                h.close();
            }
            assertTrue(ports.containsAll(Set.of(t.port(), w.port())), ports.toString());

            assertTrue(Files.size(out.resolve("report.html")) > 5000);
            SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            sf.newSchema(new StreamSource(getClass().getResourceAsStream("/dev/starprobe/report/junit-ant.xsd")))
                    .newValidator().validate(new StreamSource(out.resolve("junit.xml").toFile()));
            assertTrue(r.out().contains("STAR-1: FAIL 12"), r.out());

            CliRun verify = CliRun.of("verify", out.resolve("report.json").toString());
            assertEquals(Main.OK, verify.exit(), verify.out());
        }
    }

    @Test
    void verifyNoticesTamperedEvidence(@TempDir Path out) throws Exception {
        String addr = "127.0.0.52";
        try (LoopbackServer t = telnet(addr, "login: ")) {
            assertEquals(Main.FAILED, CliRun.of("scan", addr, "-p", String.valueOf(t.port()), "-o", out.toString(),
                    "--no-progress", "--no-capture").exit());
            Path transcript;
            try (var files = Files.walk(out.resolve("evidence"))) {
                transcript = files.filter(p -> p.toString().endsWith(".txt")).findFirst().orElseThrow();
            }
            Files.writeString(transcript, "\nedited afterwards", java.nio.file.StandardOpenOption.APPEND);
            CliRun v = CliRun.of("verify", out.resolve("report.json").toString());
            assertEquals(Main.FAILED, v.exit());
            assertTrue(v.out().contains("BAD ") && v.out().contains("sha256 is "), v.out());
        }
    }

    @Test
    void noCaptureMarksEveryFindingNotCapturedAndSaysWhy(@TempDir Path out) throws Exception {
        String addr = "127.0.0.53";
        try (LoopbackServer t = telnet(addr, "login: ")) {
            CliRun r = CliRun.of("scan", addr, "-p", String.valueOf(t.port()), "-o", out.toString(), "--no-progress", "--no-capture");
            assertEquals(Main.FAILED, r.exit(), r.err());
            JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
            for (JsonNode f : report.path("devices").get(0).path("findings")) {
                JsonNode pcap = f.path("evidence").findParents("kind").stream().filter(e -> e.path("kind").asText().equals("pcap"))
                        .findFirst().orElseThrow();
                assertFalse(pcap.has("path"));
                if (pcap.path("note").asText().startsWith("no traffic of its own")) continue; // nothing to capture anyway
                assertEquals("not captured: packet capture disabled with --no-capture", pcap.path("note").asText());
            }
            assertTrue(report.path("warnings").toString().contains("no packet capture"));
            assertTrue(r.out().contains("warning: no packet capture: packet capture disabled with --no-capture"), r.out());
            assertTrue(Files.notExists(out.resolve("evidence/127.0.0.53/capture.pcap")));
        }
    }

    @Test
    void withoutCapturePrivilegesTheScanStopsBeforeSendingAnythingAndSaysWhatToDo(@TempDir Path out) throws Exception {
        String addr = "127.0.0.54";
        CaptureFactory denied = new CaptureFactory() {
            @Override
            public void preflight(List<InetAddress> addresses) throws CaptureUnavailableException {
                throw new CaptureUnavailableException("no permission to capture packets on lo (socket: Operation not permitted);"
                        + " run as root or grant the JVM CAP_NET_RAW and CAP_NET_ADMIN", null);
            }

            @Override
            public EvidenceCapture capture(CaptureSettings settings) {
                throw new AssertionError("must not capture after a failed preflight");
            }
        };
        try (LoopbackServer t = telnet(addr, "login: ")) {
            CliRun r = CliRun.withScan(s -> s.captures = denied, "scan", addr, "-p", String.valueOf(t.port()),
                    "-o", out.toString(), "--no-progress");
            assertEquals(Main.USAGE, r.exit());
            assertTrue(r.err().startsWith("starprobe: cannot capture packets for evidence: no permission"), r.err());
            assertTrue(r.err().contains("--no-capture"), r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line");
            assertEquals(0, t.accepted(), "nothing was sent to the device");
            assertTrue(Files.notExists(out.resolve("report.json")));
        }
    }
}
